-- wrk script of bench/compare.sh: one request shape for every path of both systems, so that each point pays the same
-- Lua cost. BENCH_BODY set: POST that form body; BENCH_AUTH set: that Authorization header. Every answer other than
-- 200 counts as an error; done() prints the total as "non-200: N" (wrk's own count misses 1xx-3xx).
local body = os.getenv("BENCH_BODY")
local auth = os.getenv("BENCH_AUTH")
if body and body ~= "" then
  wrk.method = "POST"
  wrk.body = body
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
end
if auth and auth ~= "" then
  wrk.headers["Authorization"] = auth
end

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

errors = 0

function response(status, headers, body)
  if status ~= 200 then
    errors = errors + 1
  end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("errors")
  end
  io.write("non-200: " .. total .. "\n")
end
