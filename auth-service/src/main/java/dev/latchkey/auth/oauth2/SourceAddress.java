package dev.latchkey.auth.oauth2;

import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who sent a request, for the brute-force defence and the audit log (ADR 0010): the TCP peer, unless the peer is a
 * configured trusted proxy; then the right-most address in the forwarding header that is not a trusted proxy (each
 * trusted proxy appends whom it heard from, so everything left of that is what the client wrote itself). Only the
 * configured header counts, so a client cannot pick the other one past a proxy that passes it through unchanged.
 */
@Singleton
public class SourceAddress {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final int MAX_LENGTH = 100;

    /** One trusted address or CIDR block. */
    private record Block(byte[] network, int prefix) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int bits = prefix;
            for (int i = 0; i < address.length && bits > 0; i++, bits -= 8) {
                int mask = bits >= 8 ? 0xFF : (0xFF << (8 - bits)) & 0xFF;
                if ((address[i] & mask) != (network[i] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    private final List<Block> trusted;
    private final boolean rfc7239;

    @Inject
    public SourceAddress(BruteForceConfig config) {
        this(config.trustedProxies(), config.forwardedHeader());
    }

    SourceAddress(Optional<List<String>> trustedProxies, String header) {
        if (header.equalsIgnoreCase("Forwarded")) {
            this.rfc7239 = true;
        } else if (header.equalsIgnoreCase("X-Forwarded-For")) {
            this.rfc7239 = false;
        } else {
            throw new IllegalArgumentException("latchkey.brute-force.forwarded-header must be X-Forwarded-For or Forwarded");
        }
        List<Block> blocks = new ArrayList<>();
        for (String entry : trustedProxies.orElse(List.of())) {
            blocks.add(block(entry.trim()));
        }
        this.trusted = List.copyOf(blocks);
    }

    public String of(HttpServerRequest request) {
        String peer = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        if (trusted.isEmpty() || peer == null) {
            return peer;
        }
        return resolve(peer, joined(request.headers().getAll("X-Forwarded-For")), joined(request.headers().getAll("Forwarded")));
    }

    String resolve(String peer, String forwardedFor, String forwarded) {
        if (!isTrusted(peer)) {
            return peer;
        }
        List<String> hops = rfc7239 ? forwardedFor(forwarded) : split(forwardedFor);
        String source = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            source = hops.get(i);
            if (!isTrusted(source)) {
                break;
            }
        }
        return source.length() > MAX_LENGTH ? source.substring(0, MAX_LENGTH) : source;
    }

    private boolean isTrusted(String address) {
        byte[] bytes = literal(address);
        return bytes != null && trusted.stream().anyMatch(b -> b.contains(bytes));
    }

    private static List<String> split(String header) {
        List<String> hops = new ArrayList<>();
        if (header != null) {
            for (String hop : header.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.trim());
                }
            }
        }
        return hops;
    }

    /** The {@code for=} of each element of an RFC 7239 header, without quotes, brackets or port. */
    private static List<String> forwardedFor(String header) {
        List<String> hops = new ArrayList<>();
        for (String element : split(header)) {
            for (String pair : element.split(";")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).trim().toLowerCase(Locale.ROOT).equals("for")) {
                    String node = pair.substring(eq + 1).trim();
                    if (node.startsWith("\"") && node.endsWith("\"") && node.length() >= 2) {
                        node = node.substring(1, node.length() - 1);
                    }
                    if (node.startsWith("[")) {
                        int close = node.indexOf(']');
                        node = close > 0 ? node.substring(1, close) : node;
                    } else if (node.indexOf(':') > 0 && node.indexOf(':') == node.lastIndexOf(':')) {
                        node = node.substring(0, node.indexOf(':'));
                    }
                    hops.add(node);
                }
            }
        }
        return hops;
    }

    private static String joined(List<String> values) {
        return values == null || values.isEmpty() ? null : String.join(",", values);
    }

    /** The bytes of an IP literal, or null when the text is not one (never a DNS lookup). */
    private static byte[] literal(String text) {
        if (text == null || text.isEmpty() || !(IPV4.matcher(text).matches() || text.indexOf(':') >= 0)) {
            return null;
        }
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static Block block(String entry) {
        int slash = entry.indexOf('/');
        String address = slash < 0 ? entry : entry.substring(0, slash);
        byte[] bytes = literal(address);
        if (bytes == null) {
            throw new IllegalArgumentException("latchkey.brute-force.trusted-proxies: not an IP address or CIDR block: " + entry);
        }
        int prefix = bytes.length * 8;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(entry.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > bytes.length * 8) {
                throw new IllegalArgumentException("latchkey.brute-force.trusted-proxies: bad prefix length in " + entry);
            }
        }
        return new Block(bytes, prefix);
    }
}
