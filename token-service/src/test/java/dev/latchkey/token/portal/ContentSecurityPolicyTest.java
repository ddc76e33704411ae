package dev.latchkey.token.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The page's connect-src names origins, as a CSP source with a path would match that one path only. */
class ContentSecurityPolicyTest {

    private static final String KEY = "latchkey.portal.sign-in.authority";

    @Test
    void anIssuerWithAPathAllowsItsWholeOrigin() {
        assertEquals("https://login.example.com", ContentSecurityPolicy.origin(KEY, "https://login.example.com/tenant-1/v2.0"));
    }

    @Test
    void theSchemesDefaultPortIsDroppedAndAnyOtherKept() {
        assertEquals("https://idp.example", ContentSecurityPolicy.origin(KEY, "https://IdP.Example:443/realms/corp"));
        assertEquals("http://127.0.0.1:8180", ContentSecurityPolicy.origin(KEY, "http://127.0.0.1:8180/realms/corp/"));
    }

    @Test
    void somethingThatIsNoHttpUrlFailsTheStartNamingItsKey() {
        for (String bad : new String[] {"idp.example.com", "ftp://idp.example", "https:///realms", "https://user@idp.example",
                "https://idp example"}) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> ContentSecurityPolicy.origin(KEY, bad), bad);
            assertTrue(refused.getMessage().contains(KEY), refused.getMessage());
        }
    }
}
