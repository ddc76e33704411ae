package dev.latchkey.common.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Only exact origins reach Quarkus' CORS filter, in the form browsers send them. */
class PortalOriginsTest {

    @Test
    void exactOriginsAreKeptInTheFormBrowsersSend() {
        assertEquals(Set.of("https://admin.example.com", "http://127.0.0.1:18600", "https://app.example.com"),
                PortalOrigins.origins(List.of("https://Admin.Example.com", " http://127.0.0.1:18600 ",
                        "https://app.example.com:443", "")));
    }

    @Test
    void nothingConfiguredAllowsNoOtherOrigin() {
        assertEquals(Set.of(), PortalOrigins.origins(List.of()));
    }

    @Test
    void wildcardsPatternsAndPathsAreRefused() {
        for (String value : List.of("*", "/.*/", "/https://.*\\.example\\.com/", "https://*.example.com",
                "https://admin.example.com/", "https://admin.example.com/portal", "admin.example.com",
                "ftp://admin.example.com", "https://user@admin.example.com", "null")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> PortalOrigins.origins(List.of(value)), value);
            assertTrue(e.getMessage().startsWith("latchkey.portal.origins: "), e.getMessage());
        }
    }

    @Test
    void onlyAnOriginOnTheRequestsOwnHostAndPortIsTheSameHost() {
        assertTrue(PortalOrigins.sameHost("http://127.0.0.1:8082", "127.0.0.1:8082"));
        assertTrue(PortalOrigins.sameHost("https://Latchkey.example.com", "latchkey.example.com"));
        for (String other : List.of("http://127.0.0.1:8081", "https://latchkey.example.com.evil.test", "null", "",
                "http://127.0.0.1:8082/", "127.0.0.1:8082")) {
            assertTrue(!PortalOrigins.sameHost(other, "127.0.0.1:8082"), other);
        }
        assertTrue(!PortalOrigins.sameHost("http://127.0.0.1:8082", null));
    }
}
