package dev.latchkey.rbac.permission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PermissionPatternTest {

    @Test
    void wildcardCoversEveryKeyBelowItAndNothingBeside() {
        assertTrue(PermissionPattern.covers("tokens.*", "tokens.tenant.write"));
        assertTrue(PermissionPattern.covers("tokens.*", "tokens.personal.*"));
        assertFalse(PermissionPattern.covers("tokens.*", "tokensx.read"));
        assertFalse(PermissionPattern.covers("tokens.*", "tokens"));
        assertFalse(PermissionPattern.covers("tokens.*", "*"));
        assertFalse(PermissionPattern.covers("tokens.tenant.*", "tokens.*"));
        assertTrue(PermissionPattern.covers("*", "tokensx.read"));
        assertTrue(PermissionPattern.covers("*", "*"));
        assertTrue(PermissionPattern.covers("roles.read", "roles.read"));
        assertFalse(PermissionPattern.covers("roles.read", "roles.write"));
    }

    @Test
    void patternsAreKeysOrWildcards() {
        assertTrue(PermissionPattern.isPattern("tokens.tenant.write"));
        assertTrue(PermissionPattern.isPattern("tokens.*"));
        assertTrue(PermissionPattern.isPattern("*"));
        assertFalse(PermissionPattern.isPattern("tokens.**"));
        assertFalse(PermissionPattern.isPattern("Tokens.read"));
        assertFalse(PermissionPattern.isPattern("tokens..read"));
        assertFalse(PermissionPattern.isPattern("tok*"));
        assertFalse(PermissionPattern.isPattern(""));
        assertFalse(PermissionPattern.isKey("tokens.*"));
    }

    @Test
    void expansionKeepsOnlyRegisteredKeys() {
        List<String> keys = List.of("roles.read", "tokens.personal.read", "tokens.tenant.write", "tokensx.read");
        assertEquals(Set.of("tokens.personal.read", "tokens.tenant.write"), PermissionPattern.expand(List.of("tokens.*"), keys));
        assertEquals(Set.copyOf(keys), PermissionPattern.expand(List.of("*"), keys));
        assertEquals(Set.of(), PermissionPattern.expand(List.of("audit.read"), keys));
    }
}
