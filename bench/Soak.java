import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The soak's load generator (issue 14): a mix of exchanges, introspections, creates, lists and deletes against the
 * three running services, sent at a constant rate (open loop: a slow answer does not slow the sender, so queueing
 * shows up as latency instead of hiding as a lower rate), with per-interval counts, errors, p50/p99 and the RSS of
 * each service written to a CSV. Single file, JDK 17, no dependencies: {@code java bench/Soak.java --help}.
 *
 * <p>Without {@code --rate} it first measures the mix's capacity (closed loop, {@code --capacity-workers} callers
 * back to back, after a warm-up) and runs at {@code --fraction} of it. Latency is measured from the moment a request
 * was due, not from when a pool thread got to it, so a generator that falls behind still counts the wait.
 */
public final class Soak {

    /** One kind of request in the mix, its default weight and the status that counts as success. */
    enum Kind {
        EXCHANGE(55, 200), EXCHANGE_NEW(5, 200), INTROSPECT_JWT(10, 200), INTROSPECT_KEY(10, 200),
        LIST(8, 200), CREATE(6, 201), DELETE(6, 204);

        final int weight;
        final int expected;

        Kind(int weight, int expected) {
            this.weight = weight;
            this.expected = expected;
        }

        String column() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Files.createDirectories(options.out);
        Api api = new Api(options);
        Mix mix = Mix.setUp(api);
        System.out.printf("set up: tenant %s, roles %s, a client-credentials token and an access key%n",
                mix.tenant, mix.roles);

        double rate = options.rate;
        if (rate <= 0) {
            double capacity = measureCapacity(mix, options);
            rate = Math.max(1, Math.floor(capacity * options.fraction));
            System.out.printf("capacity of the mix: %.0f req/s (closed loop, %d callers, %d s); soak rate %.0f req/s%n",
                    capacity, options.capacityWorkers, options.capacitySeconds, rate);
            Files.writeString(options.out.resolve("capacity.txt"), String.format(Locale.ROOT,
                    "capacity_rps=%.1f%nworkers=%d%nseconds=%d%nrate=%.0f%n", capacity, options.capacityWorkers,
                    options.capacitySeconds, rate));
        }
        Report report = new Report(options, rate);
        runAtRate(mix, options, rate, report);
        mix.cleanUp();
        report.finish();
    }

    /** Closed loop after a warm-up: how many requests of the mix the services answer per second, flat out. */
    static double measureCapacity(Mix mix, Options options) throws InterruptedException {
        Recorder warmUp = new Recorder();
        closedLoop(mix, options.capacityWorkers, options.warmUpSeconds, new AtomicReference<>(warmUp));
        Recorder measured = new Recorder();
        closedLoop(mix, options.capacityWorkers, options.capacitySeconds, new AtomicReference<>(measured));
        Map<String, Long> counts = new TreeMap<>();
        StringBuilder samples = new StringBuilder();
        for (Recorder run : List.of(warmUp, measured)) {
            run.unexpected.forEach((k, v) -> counts.merge(k, v.get(), Long::sum));
            run.samples.forEach(sample -> samples.append(sample).append('\n'));
        }
        if (!counts.isEmpty()) {
            System.out.println("capacity run (warm-up and measured; not in the soak's figures): unexpected " + counts
                    + "; examples in " + options.out.resolve("capacity-errors.txt"));
            try {
                Files.writeString(options.out.resolve("capacity-errors.txt"), "unexpected " + counts + "\n" + samples);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return measured.count() / (double) options.capacitySeconds;
    }

    private static void closedLoop(Mix mix, int workers, int seconds, AtomicReference<Recorder> recorder)
            throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        for (int i = 0; i < workers; i++) {
            pool.execute(() -> {
                while (System.nanoTime() < end) {
                    mix.runOne(System.nanoTime(), recorder);
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 60L, TimeUnit.SECONDS);
    }

    /**
     * Open loop: request i is due at start + i/rate and handed to a fixed pool. Requests that find more than
     * {@code --max-queue} others waiting for a thread are not sent and count as {@code dropped} errors: the services
     * (or this machine) could not keep up with the rate.
     */
    static void runAtRate(Mix mix, Options options, double rate, Report report) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(options.concurrency);
        AtomicInteger waiting = new AtomicInteger();
        long start = System.nanoTime();
        long intervalNanos = TimeUnit.SECONDS.toNanos(options.intervalSeconds);
        long end = start + TimeUnit.SECONDS.toNanos(options.seconds);
        long total = (long) Math.floor(options.seconds * rate);
        int intervals = (int) Math.ceil(options.seconds / (double) options.intervalSeconds);
        report.begin();
        int interval = 0;
        // An answer counts in the interval it arrives in: a request still running at a boundary is not lost.
        AtomicReference<Recorder> current = new AtomicReference<>(new Recorder());
        for (long i = 0; i < total; i++) {
            long due = start + (long) (i * 1e9 / rate);
            while (interval < intervals - 1 && due >= start + (interval + 1) * intervalNanos) {
                long boundary = start + (interval + 1) * intervalNanos;
                parkUntil(boundary);
                report.interval(interval + 1, current.getAndSet(new Recorder()));
                interval++;
            }
            parkUntil(due);
            if (waiting.get() > options.maxQueue) {
                current.get().record(mix.pick(), 0, "dropped", null);
                continue;
            }
            waiting.incrementAndGet();
            pool.execute(() -> {
                waiting.decrementAndGet();
                mix.runOne(due, current);
            });
        }
        parkUntil(end);
        pool.shutdown();
        if (!pool.awaitTermination(60, TimeUnit.SECONDS)) {
            System.out.println("requests still running 60 s after the end; stopping them");
            pool.shutdownNow();
        }
        report.interval(interval + 1, current.get());
    }

    private static void parkUntil(long nanoTime) {
        for (long left = nanoTime - System.nanoTime(); left > 0; left = nanoTime - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }

    /** The command line. */
    static final class Options {
        String auth = "http://127.0.0.1:18183";
        String rbac = "http://127.0.0.1:18181";
        String token = "http://127.0.0.1:18182";
        String clientId;
        String clientSecret;
        int seconds = 600;
        int intervalSeconds = 60;
        double rate;
        double fraction = 0.5;
        int capacitySeconds = 20;
        int warmUpSeconds = 20;
        int capacityWorkers = 16;
        int concurrency = 64;
        int maxQueue = 2000;
        Path out = Path.of("target/bench/soak");
        Map<String, Long> pids = new LinkedHashMap<>();

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if (name.equals("--help")) {
                    System.out.println(USAGE);
                    System.exit(0);
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(name + " needs a value\n" + USAGE);
                }
                String value = args[++i];
                switch (name) {
                    case "--auth" -> o.auth = value;
                    case "--rbac" -> o.rbac = value;
                    case "--token" -> o.token = value;
                    case "--client-id" -> o.clientId = value;
                    case "--client-secret" -> o.clientSecret = value;
                    case "--minutes" -> o.seconds = (int) Math.round(Double.parseDouble(value) * 60);
                    case "--interval-seconds" -> o.intervalSeconds = Integer.parseInt(value);
                    case "--rate" -> o.rate = Double.parseDouble(value);
                    case "--fraction" -> o.fraction = Double.parseDouble(value);
                    case "--capacity-seconds" -> o.capacitySeconds = Integer.parseInt(value);
                    case "--warm-up-seconds" -> o.warmUpSeconds = Integer.parseInt(value);
                    case "--capacity-workers" -> o.capacityWorkers = Integer.parseInt(value);
                    case "--concurrency" -> o.concurrency = Integer.parseInt(value);
                    case "--max-queue" -> o.maxQueue = Integer.parseInt(value);
                    case "--out" -> o.out = Path.of(value);
                    case "--pids" -> Arrays.stream(value.split(",")).filter(s -> !s.isBlank()).forEach(pair -> {
                        String[] kv = pair.split("=", 2);
                        o.pids.put(kv[0].trim(), Long.parseLong(kv[1].trim()));
                    });
                    default -> throw new IllegalArgumentException("unknown option " + name + "\n" + USAGE);
                }
            }
            if (o.clientId == null || o.clientSecret == null) {
                throw new IllegalArgumentException("--client-id and --client-secret (the vendor credential) are required\n" + USAGE);
            }
            return o;
        }

        static final String USAGE = """
                java bench/Soak.java --client-id lk_ci_... --client-secret lk_cs_... [options]
                  --auth/--rbac/--token URL   the services (default 127.0.0.1:18183/18181/18182)
                  --minutes N                 how long to soak (default 10)
                  --rate R                    requests per second; absent or 0: --fraction of the measured capacity
                  --fraction F                share of the capacity to run at (default 0.5)
                  --warm-up-seconds, --capacity-seconds, --capacity-workers   the capacity run (20, 20, 16)
                  --interval-seconds N        one CSV row per N seconds (default 60)
                  --concurrency N             sending threads (default 64); --max-queue N due requests waiting (2000)
                  --pids rbac=PID,token=PID,auth=PID   the processes whose VmRSS is recorded
                  --out DIR                   where soak.csv, errors.txt and summary.txt go (target/bench/soak)""";
    }

    /** The HTTP calls, each returning the status and body; JSON is read with a regex (no dependencies). */
    static final class Api {
        private static final Duration TIMEOUT = Duration.ofSeconds(10);
        final Options options;
        final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        final String vendorBasic;

        Api(Options options) {
            this.options = options;
            this.vendorBasic = basic(options.clientId, options.clientSecret);
        }

        static String basic(String id, String secret) {
            return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
        }

        HttpResponse<String> exchange(String clientId, String secret) throws IOException, InterruptedException {
            return send(HttpRequest.newBuilder(URI.create(options.auth + "/oauth/token"))
                    .header("Authorization", basic(clientId, secret))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")));
        }

        HttpResponse<String> introspect(String token) throws IOException, InterruptedException {
            return send(HttpRequest.newBuilder(URI.create(options.auth + "/oauth/introspect"))
                    .header("Authorization", vendorBasic)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("token=" + token)));
        }

        HttpResponse<String> post(String url, String jwt, String json) throws IOException, InterruptedException {
            return send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + jwt)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
        }

        HttpResponse<String> get(String url, String jwt) throws IOException, InterruptedException {
            return send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + jwt).GET());
        }

        HttpResponse<String> delete(String url, String jwt) throws IOException, InterruptedException {
            return send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + jwt).DELETE());
        }

        private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
            return http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        }

        static String field(String json, String name) {
            Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
            if (!m.find()) {
                throw new IllegalStateException("no \"" + name + "\" in " + json);
            }
            return m.group(1);
        }

        /** The body of a setup call that must succeed. */
        static String expect(HttpResponse<String> response, int status, String what) {
            if (response.statusCode() != status) {
                throw new IllegalStateException(what + ": " + response.statusCode() + " " + response.body());
            }
            return response.body();
        }
    }

    /** A created tenant token: its id and, for the first exchange, its credential. */
    record Created(String id, String clientId, String secret) {
    }

    /**
     * The mix and its state: a tenant with two roles, a long-lived client-credentials token (exchanged), an access
     * key (introspected), a JWT of the tenant token (introspected, renewed every minute since JWTs live five), the
     * vendor's JWT for the management calls (renewed likewise), and the tokens created and not yet deleted.
     * Creates and deletes have the same weight and a delete always takes an existing token, so the tenant's token
     * count wanders around a small number instead of growing with the run.
     */
    static final class Mix {
        private static final long RENEW_NANOS = TimeUnit.SECONDS.toNanos(60);
        private static final int MAX_OUTSTANDING = 200;
        final Api api;
        final String tenant;
        final List<String> roles;
        final String clientId;
        final String clientSecret;
        final String accessKey;
        final AtomicReference<Jwt> vendorJwt = new AtomicReference<>();
        final AtomicReference<Jwt> tenantJwt = new AtomicReference<>();
        /** Created, never exchanged. */
        final ConcurrentLinkedQueue<Created> fresh = new ConcurrentLinkedQueue<>();
        /** Exchanged once, waiting for their delete. */
        final ConcurrentLinkedQueue<Created> used = new ConcurrentLinkedQueue<>();
        final AtomicInteger outstanding = new AtomicInteger();
        final int weightTotal = Arrays.stream(Kind.values()).mapToInt(k -> k.weight).sum();

        record Jwt(String value, long obtained) {
        }

        private Mix(Api api, String tenant, List<String> roles, String clientId, String clientSecret, String accessKey) {
            this.api = api;
            this.tenant = tenant;
            this.roles = roles;
            this.clientId = clientId;
            this.clientSecret = clientSecret;
            this.accessKey = accessKey;
        }

        static Mix setUp(Api api) throws IOException, InterruptedException {
            Options o = api.options;
            String vendor = Api.field(Api.expect(api.exchange(o.clientId, o.clientSecret), 200, "vendor exchange"), "access_token");
            String tenant = Api.field(Api.expect(api.post(o.rbac + "/tenants", vendor,
                    "{\"name\":\"Soak " + Instant.now() + "\"}"), 201, "create tenant"), "id");
            List<String> roles = new ArrayList<>();
            roles.add(Api.field(Api.expect(api.post(o.rbac + "/tenants/" + tenant + "/roles", vendor,
                    "{\"key\":\"soak-reader\",\"name\":\"Soak reader\",\"level\":20,\"permissions\":[\"tokens.tenant.read\"]}"),
                    201, "create role"), "id"));
            roles.add(Api.field(Api.expect(api.post(o.rbac + "/tenants/" + tenant + "/roles", vendor,
                    "{\"key\":\"soak-writer\",\"name\":\"Soak writer\",\"level\":15,"
                            + "\"permissions\":[\"tokens.tenant.read\",\"tokens.tenant.write\"]}"),
                    201, "create role"), "id"));
            String tokens = o.token + "/tenants/" + tenant + "/tokens";
            String client = Api.expect(api.post(tokens, vendor, "{\"type\":\"CLIENT_CREDENTIALS\",\"description\":\"soak\","
                    + "\"roleIds\":[\"" + roles.get(0) + "\"]}"), 201, "create client-credentials token");
            String key = Api.expect(api.post(tokens, vendor, "{\"type\":\"ACCESS_TOKEN\",\"description\":\"soak\","
                    + "\"roleIds\":[\"" + roles.get(0) + "\"]}"), 201, "create access key");
            Mix mix = new Mix(api, tenant, roles, Api.field(client, "clientId"), Api.field(client, "clientSecret"),
                    Api.field(key, "accessKey"));
            mix.vendorJwt.set(new Jwt(vendor, System.nanoTime()));
            mix.tenantJwt.set(new Jwt(Api.field(Api.expect(api.exchange(mix.clientId, mix.clientSecret), 200,
                    "tenant exchange"), "access_token"), System.nanoTime()));
            return mix;
        }

        Kind pick() {
            int n = ThreadLocalRandom.current().nextInt(weightTotal);
            for (Kind kind : Kind.values()) {
                n -= kind.weight;
                if (n < 0) {
                    return kind;
                }
            }
            throw new AssertionError();
        }

        /**
         * Sends one request of a randomly picked kind and records it in the recorder current when the answer comes,
         * its latency counted from {@code due}.
         */
        void runOne(long due, AtomicReference<Recorder> recorder) {
            Kind kind = pick();
            String outcome;
            String body = null;
            Created taken = null;
            try {
                if (kind == Kind.CREATE && outstanding.get() >= MAX_OUTSTANDING) {
                    kind = Kind.DELETE;
                }
                if (kind == Kind.EXCHANGE_NEW) {
                    taken = fresh.poll();
                    if (taken == null) {
                        kind = Kind.EXCHANGE;
                    }
                }
                if (kind == Kind.DELETE) {
                    taken = used.poll();
                    if (taken == null) {
                        taken = fresh.poll();
                    }
                    if (taken == null) {
                        kind = Kind.CREATE;
                    }
                }
                HttpResponse<String> response = send(kind, taken);
                body = response.body();
                outcome = String.valueOf(response.statusCode());
                if (response.statusCode() == kind.expected) {
                    outcome = after(kind, taken, body);
                } else if (taken != null && kind == Kind.EXCHANGE_NEW) {
                    used.add(taken); // still delete it
                }
            } catch (IOException | RuntimeException e) {
                outcome = e.getClass().getSimpleName();
                body = String.valueOf(e.getMessage());
                if (taken != null) {
                    (kind == Kind.DELETE ? fresh : used).add(taken); // unknown outcome: try its delete again later
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            recorder.get().record(kind, System.nanoTime() - due, outcome, body);
        }

        private HttpResponse<String> send(Kind kind, Created taken) throws IOException, InterruptedException {
            Options o = api.options;
            String tokens = o.token + "/tenants/" + tenant + "/tokens";
            return switch (kind) {
                case EXCHANGE -> api.exchange(clientId, clientSecret);
                case EXCHANGE_NEW -> api.exchange(taken.clientId(), taken.secret());
                case INTROSPECT_JWT -> api.introspect(jwt(tenantJwt, clientId, clientSecret));
                case INTROSPECT_KEY -> api.introspect(accessKey);
                case LIST -> api.get(tokens + "?page=0&size=50", jwt(vendorJwt, o.clientId, o.clientSecret));
                case CREATE -> api.post(tokens, jwt(vendorJwt, o.clientId, o.clientSecret),
                        "{\"type\":\"CLIENT_CREDENTIALS\",\"description\":\"soak churn\",\"roleIds\":[\""
                                + roles.get(ThreadLocalRandom.current().nextInt(roles.size())) + "\"]}");
                case DELETE -> api.delete(tokens + "/" + taken.id(), jwt(vendorJwt, o.clientId, o.clientSecret));
            };
        }

        /** The outcome of an answer with the expected status: "ok", or why its body is wrong. */
        private String after(Kind kind, Created taken, String body) {
            switch (kind) {
                case CREATE -> {
                    fresh.add(new Created(Api.field(body, "id"), Api.field(body, "clientId"), Api.field(body, "clientSecret")));
                    outstanding.incrementAndGet();
                }
                case EXCHANGE_NEW -> used.add(taken);
                case DELETE -> outstanding.decrementAndGet();
                case INTROSPECT_JWT, INTROSPECT_KEY -> {
                    if (!body.contains("\"active\":true")) {
                        return "inactive";
                    }
                }
                default -> {
                }
            }
            return "ok";
        }

        /** A JWT younger than a minute (they live five), renewed by whichever caller first finds it old. */
        private String jwt(AtomicReference<Jwt> holder, String id, String secret) throws IOException, InterruptedException {
            Jwt current = holder.get();
            if (System.nanoTime() - current.obtained() < RENEW_NANOS) {
                return current.value();
            }
            synchronized (holder) {
                current = holder.get();
                if (System.nanoTime() - current.obtained() >= RENEW_NANOS) {
                    String value = Api.field(Api.expect(api.exchange(id, secret), 200, "JWT renewal"), "access_token");
                    current = new Jwt(value, System.nanoTime());
                    holder.set(current);
                }
                return current.value();
            }
        }

        /** Deletes what the run left behind (not recorded). */
        void cleanUp() {
            String vendor;
            try {
                vendor = jwt(vendorJwt, api.options.clientId, api.options.clientSecret);
            } catch (IOException | InterruptedException | RuntimeException e) {
                System.out.println("clean-up skipped: " + e);
                return;
            }
            int left = 0;
            for (Created c = used.poll(); c != null || (c = fresh.poll()) != null; c = used.poll()) {
                try {
                    api.delete(api.options.token + "/tenants/" + tenant + "/tokens/" + c.id(), vendor);
                    left++;
                } catch (IOException | InterruptedException e) {
                    break;
                }
            }
            System.out.println("clean-up: deleted the " + left + " tokens the run left");
        }
    }

    /** Counts, outcomes and latencies of one interval. */
    static final class Recorder {
        final Map<Kind, Stats> stats = new EnumMap<>(Kind.class);
        final Map<String, AtomicLong> unexpected = new ConcurrentHashMap<>();
        final ConcurrentLinkedQueue<String> samples = new ConcurrentLinkedQueue<>();
        final AtomicInteger sampled = new AtomicInteger();

        Recorder() {
            for (Kind kind : Kind.values()) {
                stats.put(kind, new Stats());
            }
        }

        void record(Kind kind, long nanos, String outcome, String body) {
            Stats s = stats.get(kind);
            boolean ok = outcome.equals("ok");
            s.add(nanos / 1000, ok);
            if (!ok) {
                unexpected.computeIfAbsent(kind.column() + " " + outcome, k -> new AtomicLong()).incrementAndGet();
                if (sampled.incrementAndGet() <= 20) {
                    String text = body == null ? "" : body.replaceAll("\\s+", " ");
                    samples.add(kind.column() + " " + outcome + " " + text.substring(0, Math.min(300, text.length())));
                }
            }
        }

        long count() {
            return stats.values().stream().mapToLong(Stats::count).sum();
        }

        long errors() {
            return stats.values().stream().mapToLong(s -> s.errors.get()).sum();
        }
    }

    /** One kind's latencies (microseconds) and errors in one interval. */
    static final class Stats {
        private long[] micros = new long[1024];
        private int size;
        final AtomicLong errors = new AtomicLong();

        synchronized void add(long value, boolean ok) {
            if (size == micros.length) {
                micros = Arrays.copyOf(micros, size * 2);
            }
            micros[size++] = value;
            if (!ok) {
                errors.incrementAndGet();
            }
        }

        synchronized long count() {
            return size;
        }

        synchronized long[] sorted() {
            long[] copy = Arrays.copyOf(micros, size);
            Arrays.sort(copy);
            return copy;
        }

        /** Nearest-rank percentile in milliseconds, NaN when empty. */
        static double percentile(long[] sorted, double p) {
            if (sorted.length == 0) {
                return Double.NaN;
            }
            int rank = (int) Math.ceil(p / 100 * sorted.length);
            return sorted[Math.max(0, rank - 1)] / 1000.0;
        }
    }

    /** The CSV, the error log, the console lines and the summary. */
    static final class Report {
        final Options options;
        final double rate;
        final PrintWriter csv;
        final PrintWriter errors;
        final Map<Kind, long[]> all = new EnumMap<>(Kind.class);
        final Map<Kind, double[]> p99Range = new EnumMap<>(Kind.class);
        final Map<String, Long> unexpected = new TreeMap<>();
        final Map<String, List<double[]>> rss = new LinkedHashMap<>();
        /** RSS when the soak begins: after the set-up and the capacity run. */
        final Map<String, Double> rssAtStart = new LinkedHashMap<>();
        final AtomicBoolean headerWritten = new AtomicBoolean();
        long totalRequests;
        long totalErrors;
        Instant began;

        Report(Options options, double rate) throws IOException {
            this.options = options;
            this.rate = rate;
            this.csv = new PrintWriter(Files.newBufferedWriter(options.out.resolve("soak.csv")), true);
            this.errors = new PrintWriter(Files.newBufferedWriter(options.out.resolve("errors.txt")), true);
            options.pids.keySet().forEach(name -> rss.put(name, new ArrayList<>()));
            for (Kind kind : Kind.values()) {
                all.put(kind, new long[0]);
                p99Range.put(kind, new double[] {Double.MAX_VALUE, 0});
            }
        }

        void begin() {
            began = Instant.now();
            StringBuilder header = new StringBuilder("minute,rate_target,requests,errors");
            for (Kind kind : Kind.values()) {
                String c = kind.column();
                header.append(',').append(c).append("_n,").append(c).append("_err,").append(c).append("_p50_ms,")
                        .append(c).append("_p99_ms");
            }
            options.pids.keySet().forEach(name -> header.append(",rss_").append(name).append("_mb"));
            header.append(",load1");
            csv.println(header);
            options.pids.forEach((name, pid) -> rssAtStart.put(name, rssMb(pid)));
            System.out.printf("soaking for %d s at %.0f req/s, one row per %d s in %s%n", options.seconds, rate,
                    options.intervalSeconds, options.out.resolve("soak.csv"));
        }

        synchronized void interval(int index, Recorder recorder) {
            double minute = index * options.intervalSeconds / 60.0;
            long requests = recorder.count();
            long errs = recorder.errors();
            totalRequests += requests;
            totalErrors += errs;
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%.2f,%.0f,%d,%d", minute, rate, requests, errs));
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%5.1f min %6d req %4d err  p99 ms:",
                    minute, requests, errs));
            for (Kind kind : Kind.values()) {
                Stats s = recorder.stats.get(kind);
                long[] sorted = s.sorted();
                double p50 = Stats.percentile(sorted, 50);
                double p99 = Stats.percentile(sorted, 99);
                row.append(String.format(Locale.ROOT, ",%d,%d,%s,%s", sorted.length, s.errors.get(), num(p50), num(p99)));
                line.append(' ').append(kind.column()).append('=').append(num(p99));
                long[] merged = Arrays.copyOf(all.get(kind), all.get(kind).length + sorted.length);
                System.arraycopy(sorted, 0, merged, all.get(kind).length, sorted.length);
                all.put(kind, merged);
                if (sorted.length > 0) {
                    double[] range = p99Range.get(kind);
                    range[0] = Math.min(range[0], p99);
                    range[1] = Math.max(range[1], p99);
                }
            }
            line.append("  RSS MB:");
            for (Map.Entry<String, Long> pid : options.pids.entrySet()) {
                double mb = rssMb(pid.getValue());
                rss.get(pid.getKey()).add(new double[] {minute, mb});
                row.append(',').append(num(mb));
                line.append(' ').append(pid.getKey()).append('=').append(num(mb));
            }
            String load = loadAverage();
            row.append(',').append(load);
            line.append("  load ").append(load);
            csv.println(row);
            System.out.println(line);
            recorder.unexpected.forEach((k, v) -> unexpected.merge(k, v.get(), Long::sum));
            for (String sample : recorder.samples) {
                errors.println(String.format(Locale.ROOT, "%.2f min  %s", minute, sample));
                System.out.println("  unexpected: " + sample);
            }
        }

        void finish() throws IOException {
            StringBuilder out = new StringBuilder();
            out.append(String.format(Locale.ROOT, "soak from %s for %d s at %.0f req/s target (%.1f req/s achieved)%n",
                    began, options.seconds, rate, totalRequests / (double) options.seconds));
            out.append(String.format(Locale.ROOT, "requests %d, errors %d%n", totalRequests, totalErrors));
            unexpected.forEach((k, v) -> out.append("  unexpected ").append(k).append(": ").append(v).append('\n'));
            out.append("per kind: requests, p50 / p99 ms over the run, p99 per interval min..max\n");
            for (Kind kind : Kind.values()) {
                long[] sorted = all.get(kind);
                Arrays.sort(sorted);
                double[] range = p99Range.get(kind);
                out.append(String.format(Locale.ROOT, "  %-15s %7d  %8s / %-8s  %s..%s%n", kind.column(), sorted.length,
                        num(Stats.percentile(sorted, 50)), num(Stats.percentile(sorted, 99)),
                        sorted.length == 0 ? "-" : num(range[0]), sorted.length == 0 ? "-" : num(range[1])));
            }
            out.append("RSS per service, MiB: at the start -> first interval -> last interval; slope MiB/min (least squares\n"
                    + "over the intervals' samples: all; from the second on)\n");
            rss.forEach((name, points) -> {
                if (points.isEmpty()) {
                    return;
                }
                out.append(String.format(Locale.ROOT, "  %-6s %7s -> %7s -> %7s  slope %s; %s%n", name,
                        num(rssAtStart.getOrDefault(name, Double.NaN)), num(points.get(0)[1]),
                        num(points.get(points.size() - 1)[1]), num(slope(points)),
                        points.size() > 2 ? num(slope(points.subList(1, points.size()))) : "-"));
            });
            System.out.print(out);
            Files.writeString(options.out.resolve("summary.txt"), out);
            csv.close();
            errors.close();
        }

        /** Least-squares slope of y over x. */
        static double slope(List<double[]> points) {
            int n = points.size();
            if (n < 2) {
                return Double.NaN;
            }
            double mx = points.stream().mapToDouble(p -> p[0]).average().orElse(0);
            double my = points.stream().mapToDouble(p -> p[1]).average().orElse(0);
            double sxy = 0;
            double sxx = 0;
            for (double[] p : points) {
                sxy += (p[0] - mx) * (p[1] - my);
                sxx += (p[0] - mx) * (p[0] - mx);
            }
            return sxy / sxx;
        }

        /** The machine's one-minute load average: how busy the shared cores were (the services and this included). */
        static String loadAverage() {
            try {
                return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
            } catch (IOException e) {
                return "NaN";
            }
        }

        /** VmRSS of a process in MB (MiB), NaN when it is gone. */
        static double rssMb(long pid) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                    }
                }
            } catch (IOException | UncheckedIOException e) {
                // the process is gone
            }
            return Double.NaN;
        }

        static String num(double value) {
            return Double.isNaN(value) ? "NaN" : String.format(Locale.ROOT, value >= 100 ? "%.0f" : "%.2f", value);
        }
    }
}
