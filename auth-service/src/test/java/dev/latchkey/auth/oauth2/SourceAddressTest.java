package dev.latchkey.auth.oauth2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Who the source of a request is: the TCP peer, unless that is a trusted proxy. */
class SourceAddressTest {

    static SourceAddress trusting(String header, String... proxies) {
        return new SourceAddress(Optional.of(List.of(proxies)), header);
    }

    @Test
    void anUntrustedPeersForwardedHeadersAreIgnored() {
        SourceAddress none = new SourceAddress(Optional.empty(), "X-Forwarded-For");
        assertEquals("192.0.2.1", none.resolve("192.0.2.1", "203.0.113.5", "for=203.0.113.6"));
        SourceAddress other = trusting("X-Forwarded-For", "10.0.0.0/8");
        assertEquals("192.0.2.1", other.resolve("192.0.2.1", "203.0.113.5", null));
    }

    @Test
    void aTrustedProxysRightMostUntrustedAddressIsTheSource() {
        SourceAddress xff = trusting("X-Forwarded-For", "10.0.0.0/8", "192.0.2.10");
        assertEquals("203.0.113.5", xff.resolve("10.0.0.1", "1.2.3.4, 203.0.113.5, 192.0.2.10, 10.9.9.9", null));
        assertEquals("10.0.0.1", xff.resolve("10.0.0.1", null, null), "no header: the proxy itself");
        assertEquals("10.1.1.1", xff.resolve("10.0.0.1", "10.1.1.1, 10.2.2.2", null), "all trusted: the left-most");
        assertEquals("203.0.113.5", xff.resolve("10.0.0.1", "203.0.113.5", "for=198.51.100.1"),
                "only the configured header counts");
    }

    @Test
    void theForwardedHeaderIsReadWhenConfigured() {
        SourceAddress fwd = trusting("Forwarded", "10.0.0.0/8", "2001:db8:ffff::/48");
        assertEquals("2001:db8:cafe::17", fwd.resolve("10.0.0.1",
                "198.51.100.1", "for=192.0.2.60;proto=http, For=\"[2001:db8:cafe::17]:4711\""));
        assertEquals("192.0.2.60", fwd.resolve("2001:db8:ffff::9", null,
                "for=192.0.2.60;proto=http, for=\"[2001:db8:ffff::1]:4711\";by=10.0.0.1"));
        assertEquals("192.0.2.60", fwd.resolve("10.0.0.1", null, "for=192.0.2.60:8080"));
    }

    @Test
    void aMisconfiguredProxyListFailsAtStart() {
        assertThrows(IllegalArgumentException.class, () -> trusting("X-Forwarded-For", "proxy.example.com"));
        assertThrows(IllegalArgumentException.class, () -> trusting("X-Forwarded-For", "10.0.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> trusting("Via", "10.0.0.0/8"));
    }
}
