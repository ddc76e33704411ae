package dev.latchkey.system.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Kubernetes NetworkPolicy semantics, enough to ask who may reach a pod's port. */
record NetworkPolicies(List<JsonNode> policies) {

    /** One allowed source: a {@code from} entry of an ingress rule, or anyone when a rule has no {@code from}. */
    record Peer(JsonNode from) {
        static final Peer ANYONE = new Peer(null);

        boolean isNamespace(String namespace) {
            return from != null && !from.has("ipBlock") && onlyLabel(from.path("namespaceSelector"),
                    "kubernetes.io/metadata.name", namespace);
        }

        /** A pod of Latchkey's own namespace (no namespaceSelector) labelled part-of latchkey. */
        boolean isLatchkeyPod() {
            return from != null && !from.has("ipBlock") && !from.has("namespaceSelector")
                    && "latchkey".equals(from.path("podSelector").path("matchLabels")
                            .path("app.kubernetes.io/part-of").asText())
                    && from.path("podSelector").path("matchExpressions").isEmpty();
        }

        private static boolean onlyLabel(JsonNode selector, String key, String value) {
            JsonNode labels = selector.path("matchLabels");
            return labels.size() == 1 && value.equals(labels.path(key).asText())
                    && selector.path("matchExpressions").isEmpty();
        }

        @Override
        public String toString() {
            return from == null ? "anyone" : from.toString();
        }
    }

    boolean isolatesIngress(JsonNode podLabels) {
        return selecting(podLabels).stream().anyMatch(p -> types(p).contains("Ingress"));
    }

    boolean isolatesEgress(JsonNode podLabels) {
        return selecting(podLabels).stream().anyMatch(p -> types(p).contains("Egress"));
    }

    /** Every source that some policy lets reach this port (by number or by its container port name). */
    List<Peer> peersAllowedTo(JsonNode podLabels, int port, String portName) {
        List<Peer> peers = new ArrayList<>();
        for (JsonNode policy : selecting(podLabels)) {
            if (!types(policy).contains("Ingress")) {
                continue;
            }
            for (JsonNode rule : policy.path("spec").path("ingress")) {
                if (!coversPort(rule.path("ports"), port, portName)) {
                    continue;
                }
                if (rule.path("from").isEmpty()) {
                    peers.add(Peer.ANYONE);
                }
                rule.path("from").forEach(from -> peers.add(new Peer(from)));
            }
        }
        return peers;
    }

    private static boolean coversPort(JsonNode ports, int port, String portName) {
        if (ports.isEmpty()) {
            return true;
        }
        for (JsonNode p : ports) {
            JsonNode number = p.path("port");
            if (number.isMissingNode()) {
                return true;
            }
            if (number.isTextual() && number.asText().equals(portName)) {
                return true;
            }
            if (number.isInt() && port >= number.asInt() && port <= p.path("endPort").asInt(number.asInt())) {
                return true;
            }
        }
        return false;
    }

    private List<JsonNode> selecting(JsonNode podLabels) {
        return policies.stream().filter(p -> {
            JsonNode selector = p.path("spec").path("podSelector");
            if (!selector.path("matchExpressions").isEmpty()) {
                return true; // treat as selecting: the strictest reading for "who may reach"
            }
            JsonNode labels = selector.path("matchLabels");
            return labels.isEmpty() || DeployManifestsTest.matches(labels, podLabels);
        }).toList();
    }

    private static List<String> types(JsonNode policy) {
        JsonNode declared = policy.path("spec").path("policyTypes");
        List<String> types = new ArrayList<>();
        if (declared.isEmpty()) {
            types.add("Ingress");
            if (policy.path("spec").has("egress")) {
                types.add("Egress");
            }
        } else {
            declared.forEach(t -> types.add(t.asText()));
        }
        return types;
    }
}
