package dev.latchkey.system.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Renders every overlay under deploy/overlays with {@code kubectl kustomize} and checks what a cluster would be given:
 * schema validity, wiring (selectors, references, ports), hardening, pinned images, no literal secrets, and the
 * NetworkPolicies and Ingress that keep management and internal endpoints from the outside. Skipped, with a message,
 * where kubectl (all checks) or node and npm (the schema check) are missing.
 */
class DeployManifestsTest {

    static final int MANAGEMENT_PORT = 9000;
    static final int HTTP_PORT = 8080;
    private static final Map<String, Overlay> RENDERED = new ConcurrentHashMap<>();

    static List<String> overlays() throws IOException {
        return Overlay.names();
    }

    static Overlay overlay(String name) throws IOException, InterruptedException {
        Overlay cached = RENDERED.get(name);
        if (cached == null) {
            cached = Overlay.render(name);
            RENDERED.put(name, cached);
        }
        return cached;
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyObjectValidatesAgainstTheKubernetesSchema(String name) throws Exception {
        Overlay overlay = overlay(name);
        List<String> problems = new ArrayList<>();
        for (String line : SchemaValidator.validate(overlay.objects())) {
            JsonNode result = Overlay.JSON.readTree(line);
            if (!"valid".equals(result.path("result").asText())) {
                problems.add(result.path("kind").asText() + "/" + result.path("name").asText() + ": "
                        + result.path("result").asText() + " " + result.path("error").asText());
            }
        }
        assertTrue(problems.isEmpty(), name + ": objects not valid against their schema:\n" + String.join("\n", problems));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void selectorsMatchThePodsTheyMean(String name) throws Exception {
        Overlay overlay = overlay(name);
        List<JsonNode> pods = overlay.workloads();
        for (JsonNode workload : pods) {
            assertTrue(matches(workload.path("spec").path("selector").path("matchLabels"), Overlay.podLabels(workload)),
                    name + ": " + Overlay.name(workload) + " selector does not match its own pod template labels");
        }
        for (JsonNode service : overlay.ofKind("Service")) {
            JsonNode selector = service.path("spec").path("selector");
            List<JsonNode> selected = pods.stream().filter(w -> matches(selector, Overlay.podLabels(w))).toList();
            assertEquals(1, selected.size(), name + ": " + Overlay.name(service) + " selects " + selected.size()
                    + " workloads, expected exactly one");
            for (JsonNode port : service.path("spec").path("ports")) {
                JsonNode target = port.path("targetPort");
                assertTrue(containerPort(selected.get(0), target).isPresent(), name + ": " + Overlay.name(service)
                        + " targets port " + target + " that no container of " + Overlay.name(selected.get(0)) + " has");
            }
        }
        for (JsonNode pdb : overlay.ofKind("PodDisruptionBudget")) {
            JsonNode selector = pdb.path("spec").path("selector").path("matchLabels");
            assertTrue(pods.stream().anyMatch(w -> matches(selector, Overlay.podLabels(w))),
                    name + ": " + Overlay.name(pdb) + " selects no pods");
        }
        for (JsonNode hpa : overlay.ofKind("HorizontalPodAutoscaler")) {
            JsonNode target = hpa.path("spec").path("scaleTargetRef");
            assertTrue(overlay.find(target.path("kind").asText(), target.path("name").asText()).isPresent(),
                    name + ": " + Overlay.name(hpa) + " scales " + target + ", which is not in the overlay");
        }
        for (JsonNode monitor : overlay.ofKind("ServiceMonitor")) {
            JsonNode selector = monitor.path("spec").path("selector").path("matchLabels");
            List<JsonNode> services = overlay.ofKind("Service").stream()
                    .filter(s -> matches(selector, s.path("metadata").path("labels"))).toList();
            assertFalse(services.isEmpty(), name + ": " + Overlay.name(monitor) + " selects no Service");
            for (JsonNode endpoint : monitor.path("spec").path("endpoints")) {
                assertEquals("/q/metrics", endpoint.path("path").asText(), name + ": metrics path");
                for (JsonNode service : services) {
                    assertTrue(servicePort(service, endpoint.path("port").asText()).isPresent(), name + ": "
                            + Overlay.name(service) + " has no port named " + endpoint.path("port").asText());
                    assertEquals(MANAGEMENT_PORT, servicePort(service, endpoint.path("port").asText()).get()
                            .path("port").asInt(), name + ": metrics are scraped on the management port");
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyReferenceResolves(String name) throws Exception {
        Overlay overlay = overlay(name);
        Set<String> documented = RequiredSecrets.documented();
        for (JsonNode workload : overlay.workloads()) {
            JsonNode spec = Overlay.podSpec(workload);
            String who = name + ": " + Overlay.name(workload);
            String account = spec.path("serviceAccountName").asText("");
            assertTrue(account.isEmpty() || overlay.find("ServiceAccount", account).isPresent(),
                    who + " runs as ServiceAccount " + account + ", which is not in the overlay");
            for (JsonNode volume : spec.path("volumes")) {
                if (volume.has("configMap")) {
                    configMap(overlay, volume.path("configMap").path("name").asText(), who);
                }
                if (volume.has("secret")) {
                    secret(documented, volume.path("secret").path("secretName").asText(), who);
                }
            }
            for (JsonNode container : containers(spec)) {
                for (JsonNode from : container.path("envFrom")) {
                    if (from.has("configMapRef")) {
                        configMap(overlay, from.path("configMapRef").path("name").asText(), who);
                    }
                    if (from.has("secretRef")) {
                        secret(documented, from.path("secretRef").path("name").asText(), who);
                    }
                }
                for (JsonNode env : container.path("env")) {
                    JsonNode from = env.path("valueFrom");
                    if (from.has("configMapKeyRef")) {
                        JsonNode ref = from.path("configMapKeyRef");
                        JsonNode map = configMap(overlay, ref.path("name").asText(), who);
                        assertTrue(map.path("data").has(ref.path("key").asText()),
                                who + " reads key " + ref.path("key").asText() + " missing from " + Overlay.name(map));
                    }
                    if (from.has("secretKeyRef")) {
                        JsonNode ref = from.path("secretKeyRef");
                        secret(documented, ref.path("name").asText(), who);
                        assertTrue(RequiredSecrets.documentedKeys(ref.path("name").asText())
                                        .contains(ref.path("key").asText()),
                                who + " reads key " + ref.path("key").asText() + " of Secret " + ref.path("name").asText()
                                        + ", which deploy/README.md does not tell anyone to create");
                    }
                }
                for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                    JsonNode port = container.path(probe).path("httpGet").path("port");
                    if (!port.isMissingNode()) {
                        assertTrue(containerPort(workload, port).isPresent(),
                                who + " " + probe + " uses port " + port + ", which the pod does not declare");
                    }
                }
            }
        }
        for (JsonNode ingress : overlay.ofKind("Ingress")) {
            for (JsonNode tls : ingress.path("spec").path("tls")) {
                secret(documented, tls.path("secretName").asText(), name + ": " + Overlay.name(ingress));
            }
            for (IngressRoutes.Route route : IngressRoutes.of(ingress)) {
                Optional<JsonNode> service = overlay.find("Service", route.service());
                assertTrue(service.isPresent(), name + ": the Ingress routes to missing Service " + route.service());
                assertTrue(servicePort(service.get(), route.port()).isPresent(),
                        name + ": the Ingress routes to port " + route.port() + " that Service " + route.service() + " lacks");
                assertEquals(HTTP_PORT, servicePort(service.get(), route.port()).get().path("port").asInt(),
                        name + ": the Ingress must route to the API port only, not " + route.port());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void probesAskTheManagementInterfaceForHealth(String name) throws Exception {
        Overlay overlay = overlay(name);
        assertEquals(3, overlay.services().size(), name + ": the three Latchkey services");
        Map<String, String> expected = Map.of("startupProbe", "/q/health/started",
                "livenessProbe", "/q/health/live", "readinessProbe", "/q/health/ready");
        for (JsonNode deployment : overlay.services()) {
            for (JsonNode container : containers(Overlay.podSpec(deployment))) {
                for (Map.Entry<String, String> probe : expected.entrySet()) {
                    JsonNode get = container.path(probe.getKey()).path("httpGet");
                    String who = name + ": " + Overlay.name(deployment) + " " + probe.getKey();
                    assertEquals(probe.getValue(), get.path("path").asText(), who + " path");
                    JsonNode port = containerPort(deployment, get.path("port"))
                            .orElseThrow(() -> new AssertionError(who + " port " + get.path("port") + " is not declared"));
                    assertEquals(MANAGEMENT_PORT, port.path("containerPort").asInt(),
                            who + " must use the management port, never the public one");
                }
            }
        }
    }

    /** Names that carry a secret: such a variable must come from a Secret, and no ConfigMap key may look like one. */
    static final Pattern SECRET_NAME = Pattern.compile("PASSWORD|SECRET|PEPPER|CREDENTIAL|MASTER_KEY|PRIVATE|TOKEN$",
            Pattern.CASE_INSENSITIVE);

    @ParameterizedTest
    @MethodSource("overlays")
    void noSecretValueIsCommitted(String name) throws Exception {
        Overlay overlay = overlay(name);
        assertTrue(overlay.ofKind("Secret").isEmpty(), name + ": Secrets are created outside deploy/, never rendered from it");
        for (JsonNode workload : overlay.workloads()) {
            for (JsonNode container : containers(Overlay.podSpec(workload))) {
                for (JsonNode env : container.path("env")) {
                    if (SECRET_NAME.matcher(env.path("name").asText()).find()) {
                        assertTrue(env.path("valueFrom").has("secretKeyRef"), name + ": " + Overlay.name(workload) + " env "
                                + env.path("name").asText() + " must come from a Secret (secretKeyRef), not a value");
                    }
                }
            }
        }
        for (JsonNode map : overlay.ofKind("ConfigMap")) {
            map.path("data").fieldNames().forEachRemaining(key -> assertFalse(SECRET_NAME.matcher(key).find(),
                    name + ": " + Overlay.name(map) + " holds " + key + ", which belongs in a Secret"));
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void imagesArePinned(String name) throws Exception {
        Overlay overlay = overlay(name);
        for (JsonNode workload : overlay.workloads()) {
            for (JsonNode container : containers(Overlay.podSpec(workload))) {
                String image = container.path("image").asText();
                String afterRegistry = image.substring(image.lastIndexOf('/') + 1);
                boolean digest = image.contains("@sha256:");
                boolean tagged = afterRegistry.contains(":") && !afterRegistry.endsWith(":latest");
                assertTrue(digest || tagged, name + ": " + Overlay.name(workload) + " image " + image
                        + " must name a pinned tag or digest, never latest or nothing");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyContainerIsHardened(String name) throws Exception {
        Overlay overlay = overlay(name);
        for (JsonNode workload : overlay.workloads()) {
            JsonNode spec = Overlay.podSpec(workload);
            JsonNode pod = spec.path("securityContext");
            String account = spec.path("serviceAccountName").asText("");
            boolean accountAutomounts = overlay.find("ServiceAccount", account)
                    .map(sa -> sa.path("automountServiceAccountToken").asBoolean(true)).orElse(true);
            assertTrue(!spec.path("automountServiceAccountToken").asBoolean(accountAutomounts),
                    name + ": " + Overlay.name(workload) + " must not mount a service account token");
            for (JsonNode container : containers(spec)) {
                String who = name + ": " + Overlay.name(workload) + " container " + container.path("name").asText();
                JsonNode sc = container.path("securityContext");
                assertTrue(sc.path("runAsNonRoot").asBoolean(pod.path("runAsNonRoot").asBoolean(false)), who + " runAsNonRoot");
                assertTrue(sc.path("readOnlyRootFilesystem").asBoolean(false), who + " readOnlyRootFilesystem");
                assertFalse(sc.path("allowPrivilegeEscalation").asBoolean(true), who + " allowPrivilegeEscalation false");
                assertFalse(sc.path("privileged").asBoolean(false), who + " privileged");
                assertTrue(textValues(sc.path("capabilities").path("drop")).contains("ALL"), who + " drops ALL capabilities");
                assertTrue(sc.path("capabilities").path("add").isEmpty(), who + " adds no capability");
                String seccomp = sc.path("seccompProfile").path("type")
                        .asText(pod.path("seccompProfile").path("type").asText(""));
                assertEquals("RuntimeDefault", seccomp, who + " seccompProfile");
                JsonNode resources = container.path("resources");
                for (String kind : List.of("cpu", "memory")) {
                    assertTrue(resources.path("requests").has(kind), who + " requests " + kind);
                    assertTrue(resources.path("limits").has(kind), who + " limits " + kind);
                }
            }
        }
        for (JsonNode deployment : overlay.services()) {
            for (JsonNode container : containers(Overlay.podSpec(deployment))) {
                Set<String> mounts = new TreeSet<>();
                for (JsonNode mount : container.path("volumeMounts")) {
                    mounts.add(mount.path("mountPath").asText());
                }
                assertTrue(mounts.contains("/tmp"), name + ": " + Overlay.name(deployment)
                        + " has a read-only root filesystem and needs a writable /tmp (emptyDir)");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void onlyMonitoringReachesTheManagementPortAndOnlyIngressAndLatchkeyTheApi(String name) throws Exception {
        Overlay overlay = overlay(name);
        NetworkPolicies policies = new NetworkPolicies(overlay.ofKind("NetworkPolicy"));
        for (JsonNode deployment : overlay.services()) {
            String who = name + ": " + Overlay.name(deployment);
            JsonNode labels = Overlay.podLabels(deployment);
            assertTrue(policies.isolatesIngress(labels), who + " is not covered by an Ingress NetworkPolicy: all may reach it");
            assertTrue(policies.isolatesEgress(labels), who + " is not covered by an Egress NetworkPolicy");
            for (NetworkPolicies.Peer peer : policies.peersAllowedTo(labels, MANAGEMENT_PORT, "management")) {
                assertTrue(peer.isNamespace("monitoring"), who + " management port " + MANAGEMENT_PORT
                        + " is open to " + peer + "; only the monitoring namespace may scrape it");
            }
            for (NetworkPolicies.Peer peer : policies.peersAllowedTo(labels, HTTP_PORT, "http")) {
                assertTrue(peer.isNamespace("ingress-nginx") || peer.isLatchkeyPod(), who + " API port is open to "
                        + peer + "; only the ingress controller and Latchkey's own pods may call it");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void ingressRoutesThePublicPathsOnly(String name) throws Exception {
        Overlay overlay = overlay(name);
        List<JsonNode> ingresses = overlay.ofKind("Ingress");
        assertEquals(1, ingresses.size(), name + ": one Ingress");
        JsonNode ingress = ingresses.get(0);
        assertFalse(ingress.path("spec").path("tls").isEmpty(), name + ": the Ingress serves TLS");
        List<IngressRoutes.Route> routes = IngressRoutes.of(ingress);
        Map<String, String> expected = new HashMap<>();
        expected.put("/oauth/token", "auth-service");
        expected.put("/oauth/introspect", "auth-service");
        expected.put("/.well-known/jwks.json", "auth-service");
        expected.put("/.well-known/openid-configuration", "auth-service");
        expected.put("/tenants", "rbac-service");
        expected.put("/tenants/7c1e/users/u-1", "rbac-service");
        expected.put("/tenants/7c1e/roles", "rbac-service");
        expected.put("/roles/r-1", "rbac-service");
        expected.put("/permissions", "rbac-service");
        expected.put("/tenants/7c1e/tokens", "token-service");
        expected.put("/tenants/7c1e/tokens/t-1/roll", "token-service");
        expected.put("/tenants/7c1e/personal-tokens", "token-service");
        expected.put("/tenants/7c1e/settings", "token-service");
        expected.put("/tenants/7c1e/audit", "token-service");
        expected.put("/settings", "token-service");
        expected.put("/audit", "token-service");
        expected.put("/tenants/7c1e/access", "rbac-service");
        expected.put("/portal/", "token-service");
        expected.put("/portal/latchkey-api-tokens.js", "token-service");
        expected.put("/portal/config.json", "token-service");
        for (Map.Entry<String, String> path : expected.entrySet()) {
            assertEquals(Optional.of(path.getValue()), IngressRoutes.serviceFor(routes, path.getKey()),
                    name + ": " + path.getKey() + " through the Ingress");
        }
        for (String hidden : List.of("/internal/changes", "/internal/credentials/client", "/q/health/ready",
                "/q/metrics", "/q/openapi", "/")) {
            assertEquals(Optional.empty(), IngressRoutes.serviceFor(routes, hidden),
                    name + ": " + hidden + " must not be reachable through the Ingress");
        }
        String host = ingress.path("spec").path("rules").get(0).path("host").asText();
        assertTrue(textValues(ingress.path("spec").path("tls").get(0).path("hosts")).contains(host),
                name + ": the TLS certificate covers " + host);
        JsonNode common = overlay.ofKind("ConfigMap").stream()
                .filter(m -> m.path("metadata").path("name").asText().startsWith("latchkey-common"))
                .findFirst().orElseThrow();
        assertEquals("https://" + host, common.path("data").path("LATCHKEY_AUTH_ISSUER").asText(),
                name + ": the issuer is the public https address the Ingress serves");
        assertEquals("https://" + host, common.path("data").path("LATCHKEY_PORTAL_ORIGINS").asText(),
                name + ": the API Tokens page's origin (the Ingress host) may call rbac-service and token-service");
    }

    static boolean matches(JsonNode selector, JsonNode labels) {
        if (selector == null || selector.isMissingNode() || selector.isEmpty()) {
            return false;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = selector.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!entry.getValue().asText().equals(labels.path(entry.getKey()).asText(null))) {
                return false;
            }
        }
        return true;
    }

    static List<JsonNode> containers(JsonNode podSpec) {
        List<JsonNode> all = new ArrayList<>();
        podSpec.path("initContainers").forEach(all::add);
        podSpec.path("containers").forEach(all::add);
        return all;
    }

    static Optional<JsonNode> containerPort(JsonNode workload, JsonNode port) {
        for (JsonNode container : Overlay.podSpec(workload).path("containers")) {
            for (JsonNode declared : container.path("ports")) {
                boolean byName = port.isTextual() && port.asText().equals(declared.path("name").asText());
                boolean byNumber = port.isInt() && port.asInt() == declared.path("containerPort").asInt();
                if (byName || byNumber) {
                    return Optional.of(declared);
                }
            }
        }
        return Optional.empty();
    }

    static Optional<JsonNode> servicePort(JsonNode service, String nameOrNumber) {
        for (JsonNode port : service.path("spec").path("ports")) {
            if (nameOrNumber.equals(port.path("name").asText()) || nameOrNumber.equals(port.path("port").asText())) {
                return Optional.of(port);
            }
        }
        return Optional.empty();
    }

    static JsonNode configMap(Overlay overlay, String name, String who) {
        return overlay.find("ConfigMap", name)
                .orElseGet(() -> fail(who + " refers to ConfigMap " + name + ", which the overlay does not create"));
    }

    static void secret(Set<String> documented, String name, String who) {
        assertTrue(documented.contains(name), who + " refers to Secret " + name
                + ", which is not in deploy/README.md's list of Secrets to create " + documented);
    }

    static Set<String> textValues(JsonNode array) {
        Set<String> values = new TreeSet<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    /** The Secrets deploy/README.md tells the reader to create, with their keys, read from its commands. */
    static final class RequiredSecrets {
        private static final Pattern CREATE = Pattern.compile(
                "kubectl (?:-n \\S+ )?create secret (generic|tls) ([a-z0-9-]+)((?:[^\\n]|\\\\\\n)*)");
        private static final Pattern LITERAL = Pattern.compile("--from-literal=([A-Za-z0-9_.-]+)=");

        static Set<String> documented() throws IOException {
            return commands().keySet();
        }

        static Set<String> documentedKeys(String secret) throws IOException {
            return commands().getOrDefault(secret, Set.of());
        }

        static Map<String, Set<String>> commands() throws IOException {
            String readme = Files.readString(Overlay.root().resolve("deploy/README.md"));
            Map<String, Set<String>> secrets = new HashMap<>();
            Matcher create = CREATE.matcher(readme);
            while (create.find()) {
                Set<String> keys = secrets.computeIfAbsent(create.group(2), k -> new TreeSet<>());
                if (create.group(1).equals("tls")) {
                    keys.addAll(List.of("tls.crt", "tls.key"));
                }
                Matcher literal = LITERAL.matcher(create.group(3));
                while (literal.find()) {
                    keys.add(literal.group(1));
                }
            }
            return secrets;
        }
    }
}
