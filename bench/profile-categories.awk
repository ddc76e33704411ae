#!/usr/bin/awk -f
# Summarises async-profiler's collapsed stacks taken with the `threads` option (bench/exchange-profile.sh): each line
# is "[thread tid=N];outermost;...;innermost count". Prints the samples by thread, by the category of the innermost
# frame, and named parts of a request counted inclusively (and, for an allocation profile, by allocated type).
# A sample's category: "kernel: <system call or interrupt>" when its innermost frame is the kernel's; "ACCP native"
# when it is in Amazon Corretto Crypto Provider's native code; else the package of the innermost Java frame outside the JDK
# (java/, jdk/, sun/ frames are charged to their caller, as in docs/performance.md's JFR profiles); "JVM: <thread>"
# when no Java frame is on the stack (JIT compilers, garbage collection, the VM thread).

function thread_group(t) {
  sub(/^\[/, "", t); sub(/ tid=[0-9]+\]$/, "", t)
  gsub(/[#-]?[0-9]+$/, "", t)
  return t
}
function package_of(frame,    n, parts, k, pkg, i) {
  sub(/\.[^.\/]*$/, "", frame)  # the method
  n = split(frame, parts, "/")
  k = (parts[1] == "dev" && parts[2] == "latchkey") ? 4 : 3
  pkg = parts[1]
  for (i = 2; i <= k && i < n; i++) pkg = pkg "." parts[i]
  return pkg
}
function is_java(frame) { return frame ~ /^[a-z][a-z0-9_]*\/[A-Za-z0-9_$\/]+\.[^\/]+$/ && frame !~ /_\[k\]$/ }
function is_jdk(frame) { return frame ~ /^(java|jdk|sun|javax)\// }

{
  count = $NF
  line = $0
  sub(/ [0-9]+$/, "", line)
  n = split(line, f, ";")
  total += count
  byThread[thread_group(f[1])] += count
  leaf = n
  if (f[leaf] ~ /_\[[io]\]$/) {  # an allocation profile: the innermost frame is the allocated type
    type = f[leaf]; sub(/_\[[io]\]$/, "", type); types[type] += count
    leaf--
  }
  category = ""
  if (f[leaf] ~ /_\[k\]$/) {
    # the system call is the frame after the kernel's entry; softirq work (the loopback delivering what was just sent)
    # runs inside the sender's call. Without a call on the stack it is an interrupt or a fault.
    call = ""
    for (i = 2; i < leaf; i++) if (f[i] == "do_syscall_64_[k]") { call = f[i + 1]; break }
    if (call == "") for (i = 2; i <= leaf; i++) if (f[i] ~ /^asm_/) { call = f[i]; break }
    if (call == "") call = "other"
    sub(/_\[k\]$/, "", call); sub(/^(__x64_sys_|__do_sys_|__se_sys_|ksys_|do_|asm_)/, "", call)
    category = "kernel: " call
  } else {
    for (i = 2; i <= leaf; i++) if (f[i] ~ /^Java_com_amazon_corretto/) { category = "ACCP native"; break }
  }
  if (category == "") {
    java = ""; jdk = ""
    for (i = leaf; i >= 2; i--) if (is_java(f[i])) { if (jdk == "") jdk = f[i]; if (!is_jdk(f[i])) { java = f[i]; break } }
    if (java == "") java = jdk
    if (java == "") category = "JVM: " thread_group(f[1])
    else if (!is_java(f[leaf]) && java ~ /^com\/amazon\/corretto\//) category = "ACCP native"  # its JNI frame is often lost
    else category = package_of(java) (is_java(f[leaf]) ? "" : " (native/VM below it)")
  }
  byCategory[category] += count
  for (p in parts) if (line ~ parts[p]) inclusive[p] += count
}

BEGIN {
  parts["signing (CompactSigner.sign)"] = "CompactSigner\\.sign"
  parts["claims (JwtIssuer)"] = "jwt/JwtIssuer\\."
  parts["client authentication (ClientAuthentication)"] = "oauth2/ClientAuthentication\\."
  parts["the form (FormReader, FormBodies, TokenRequest)"] = "oauth2/(FormReader|FormBodies|TokenRequest)\\."
  parts["the answer's JSON (TokenResponse.toJson)"] = "TokenResponse\\.toJson"
  parts["the grant (ClientCredentialsGrant.grant)"] = "ClientCredentialsGrant\\.grant"
  parts["introspection (IntrospectionEndpoint.introspect)"] = "IntrospectionEndpoint\\.introspect"
  parts["JWT verification (JwtVerifier)"] = "jwt/JwtVerifier\\."
  parts["credential lookup (CredentialStore)"] = "credential/CredentialStore\\."
  parts["rights (PermissionResolver)"] = "rbac/PermissionResolver\\."
  parts["Latchkey's code (dev/latchkey)"] = "dev/latchkey/"
  parts["Micrometer"] = "io/micrometer/"
  parts["RESTEasy Reactive"] = "org/jboss/resteasy/reactive/"
  parts["Mutiny"] = "io/smallrye/mutiny/"
  parts["Vert.x Web router"] = "io/vertx/ext/web/"
  parts["the kernel (system calls, interrupts)"] = "_\\[k\\]"
  parts["garbage collection"] = "(SerialHeap|DefNewGeneration|TenuredGeneration|GenCollectedHeap|VM_GenCollect|VM_CollectForAllocation)"
}

function top(title, arr, limit,    k, cmd) {
  printf "-- %s (%d in all)\n", title, total
  cmd = "sort -t'\t' -k1,1nr | head -" limit
  for (k in arr) printf "%d\t%5.1f%%  %s\n", arr[k], 100 * arr[k] / total, k | cmd
  close(cmd)
}
END {
  top("by thread", byThread, 12)
  top("by the innermost frame's category", byCategory, 30)
  top("named parts, inclusive (a sample counts for each part on its stack)", inclusive, 30)
  if (length(types) > 0) top("allocated types", types, 15)
}
