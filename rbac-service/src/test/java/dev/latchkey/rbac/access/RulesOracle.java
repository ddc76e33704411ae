package dev.latchkey.rbac.access;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The rules of SPEC.md ("Rules every service enforces", "Who calls the management APIs") written a second time, as
 * plainly as possible and without the production code: the oracle the property tests compare against. Keys are the
 * built-in ones; a pattern is a key, {@code *}, or {@code <prefix>.*}.
 */
final class RulesOracle {

    static final List<String> PATTERNS = List.of("*", "tokens.*", "tokens.tenant.*", "tokens.personal.*", "users.*",
            "roles.*", "settings.*", "audit.*", "tokens.tenant.read", "tokens.tenant.write", "tokens.tenant.delete",
            "tokens.personal.read", "tokens.personal.write", "tokens.personal.delete", "roles.read", "roles.write",
            "users.read", "users.write", "audit.read", "settings.read", "settings.write", "oauth.introspect");

    /** A role as the oracle sees it. */
    record R(String key, int level, Set<String> patterns) {
    }

    /**
     * A caller: the vendor; or the roles it acts with now (a user's live roles it was narrowed to, or a tenant
     * token's roles), or for a token made of permissions those patterns; and what its JWT carries ({@code claim}).
     */
    record Caller(boolean vendor, List<R> roles, Set<String> direct, Set<String> claim) {

        static Caller vendorCaller() {
            return new Caller(true, List.of(), Set.of(), Set.of("*"));
        }
    }

    /** The registered keys: the patterns grant only these. */
    final List<String> keys;

    RulesOracle(List<String> keys) {
        this.keys = List.copyOf(keys);
    }

    /** Pattern {@code g} grants key {@code k}. */
    static boolean grants(String g, String k) {
        return g.equals("*") || g.equals(k) || (g.endsWith(".*") && k.startsWith(g.substring(0, g.length() - 1)));
    }

    Set<String> keysOf(Collection<String> patterns) {
        return keys.stream().filter(k -> patterns.stream().anyMatch(p -> grants(p, k))).collect(Collectors.toCollection(TreeSet::new));
    }

    static Set<String> patternsOf(Caller c) {
        Set<String> all = new TreeSet<>(c.direct());
        c.roles().forEach(r -> all.addAll(r.patterns()));
        return all;
    }

    /** The keys a caller holds: what its roles grant now, and only what its JWT still carries. */
    Set<String> held(Caller c) {
        if (c.vendor()) {
            return new TreeSet<>(keys);
        }
        Set<String> held = keysOf(patternsOf(c));
        held.retainAll(c.claim());
        return held;
    }

    /** Its level: the strongest role all of whose keys it still holds; null for none. */
    Integer level(Caller c) {
        Set<String> held = held(c);
        Integer best = null;
        for (R r : c.roles()) {
            if (held.containsAll(keysOf(r.patterns())) && (best == null || r.level() < best)) {
                best = r.level();
            }
        }
        return best;
    }

    /**
     * It may pass on a pattern when it holds every key the pattern grants; a wildcard, moreover, only while nothing
     * of its roles was narrowed away and through a wildcard of its own at least as wide.
     */
    boolean mayGive(Caller c, String p) {
        if (c.vendor()) {
            return true;
        }
        Set<String> held = held(c);
        if (!p.endsWith("*")) {
            return held.contains(p);
        }
        if (!held.containsAll(keysOf(List.of(p))) || !held.equals(keysOf(patternsOf(c)))) {
            return false;
        }
        for (String q : patternsOf(c)) {
            if (q.equals("*") || q.equals(p) || (q.endsWith(".*") && !p.equals("*") && p.startsWith(q.substring(0, q.length() - 1)))) {
                return true;
            }
        }
        return false;
    }

    /** The level rule and the permission rule for one role: give it, take it away, change it, delete it. */
    boolean reaches(Caller c, R role) {
        if (c.vendor()) {
            return true;
        }
        Integer level = level(c);
        return level != null && level <= role.level() && role.patterns().stream().allMatch(p -> mayGive(c, p));
    }

    boolean mayCreateRole(Caller c, int level, Set<String> patterns) {
        return reaches(c, new R("new", level, patterns));
    }
}
