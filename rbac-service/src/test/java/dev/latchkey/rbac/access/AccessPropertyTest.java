package dev.latchkey.rbac.access;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.latchkey.common.access.Permission;
import dev.latchkey.rbac.role.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The one computation of effective rights ({@link Access#of}) and the reach check ({@link GrantCheck#reach}) agree
 * with {@link RulesOracle} for random roles, levels, wildcards, token narrowing and JWT scopes.
 */
class AccessPropertyTest {

    static final RulesOracle ORACLE = new RulesOracle(Permission.BUILT_IN);

    record Scenario(List<RulesOracle.R> roles, boolean tokenOfPermissions, Set<String> direct, Set<String> scope,
            RulesOracle.R target) {
    }

    @Provide
    Arbitrary<RulesOracle.R> roles() {
        Arbitrary<Integer> level = Arbitraries.integers().between(0, 20);
        Arbitrary<Set<String>> patterns = Arbitraries.of(RulesOracle.PATTERNS).set().ofMinSize(0).ofMaxSize(4);
        return Combinators.combine(Arbitraries.strings().alpha().ofLength(6), level, patterns).as(RulesOracle.R::new);
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<Set<String>> scope = Arbitraries.of(Permission.BUILT_IN).set().ofMaxSize(14).injectNull(0.4);
        return Combinators.combine(roles().list().ofMaxSize(4), Arbitraries.of(true, false),
                Arbitraries.of(RulesOracle.PATTERNS).set().ofMaxSize(4), scope, roles()).as(Scenario::new);
    }

    @Property(tries = 2000)
    void effectiveRightsAndReachFollowTheRules(@ForAll("scenarios") Scenario s) {
        List<RulesOracle.R> base = s.tokenOfPermissions() ? List.of() : s.roles();
        Set<String> direct = s.tokenOfPermissions() ? s.direct() : Set.of();
        // What auth-service puts in the JWT: the keys its rights expand to, narrowed by a requested scope.
        Set<String> claim = ORACLE.keysOf(new TreeSet<>(direct) {
            {
                base.forEach(r -> addAll(r.patterns()));
            }
        });
        if (s.scope() != null) {
            claim.retainAll(s.scope());
        }
        RulesOracle.Caller caller = new RulesOracle.Caller(false, base, direct, claim);

        List<Role> entities = new ArrayList<>();
        base.forEach(r -> entities.add(role(r)));
        Access access = Access.of(entities, s.tokenOfPermissions() ? direct : Access.patternsOf(entities), claim,
                Permission.BUILT_IN);

        assertEquals(ORACLE.held(caller), access.permissions(), "held keys");
        assertEquals(ORACLE.level(caller), access.level(), "level");
        for (String p : RulesOracle.PATTERNS) {
            assertEquals(ORACLE.mayGive(caller, p), access.mayGrant(p), "may give " + p);
        }
        assertEquals(ORACLE.reaches(caller, s.target()), GrantCheck.reach("roleIds[0]", role(s.target()), access).isEmpty(),
                () -> "reach of " + s.target() + " by " + caller + " (level " + access.level() + ", grants " + access.grants() + ")");
    }

    record Pool(Scenario scenario, List<RulesOracle.R> usable) {
    }

    @Provide
    Arbitrary<Pool> pools() {
        return Combinators.combine(scenarios(), roles().list().ofMaxSize(8)).as(Pool::new);
    }

    /**
     * What the API Tokens page is offered ({@link GrantCheck#grantable}) is exactly the roles the oracle says the
     * caller reaches: the level rule and the permission rule, after narrowing and scope.
     */
    @Property(tries = 1000)
    void grantableRolesAreExactlyTheOnesTheRulesLetTheCallerGive(@ForAll("pools") Pool pool) {
        Scenario s = pool.scenario();
        List<RulesOracle.R> base = s.tokenOfPermissions() ? List.of() : s.roles();
        Set<String> direct = s.tokenOfPermissions() ? s.direct() : Set.of();
        Set<String> claim = ORACLE.keysOf(new TreeSet<>(direct) {
            {
                base.forEach(r -> addAll(r.patterns()));
            }
        });
        if (s.scope() != null) {
            claim.retainAll(s.scope());
        }
        RulesOracle.Caller caller = new RulesOracle.Caller(false, base, direct, claim);
        List<Role> entities = base.stream().map(AccessPropertyTest::role).toList();
        Access access = Access.of(entities, s.tokenOfPermissions() ? direct : Access.patternsOf(entities), claim,
                Permission.BUILT_IN);

        List<Role> usable = new ArrayList<>();
        pool.usable().forEach(r -> usable.add(role(r)));
        Set<UUID> expected = new TreeSet<>();
        for (int i = 0; i < usable.size(); i++) {
            if (ORACLE.reaches(caller, pool.usable().get(i))) {
                expected.add(usable.get(i).id);
            }
        }
        List<Role> grantable = GrantCheck.grantable(access, usable, Permission.BUILT_IN);
        assertEquals(expected, new TreeSet<>(grantable.stream().map(r -> r.id).toList()),
                () -> "grantable for " + caller + " among " + pool.usable());
        for (int i = 1; i < grantable.size(); i++) {
            Role a = grantable.get(i - 1);
            Role b = grantable.get(i);
            assertEquals(true, a.level < b.level || a.level == b.level && a.key.compareTo(b.key) <= 0, "order");
        }
        // the vendor may give every role
        assertEquals(usable.size(), GrantCheck.grantable(Access.ofVendor(Permission.BUILT_IN), usable,
                Permission.BUILT_IN).size());
    }

    static Role role(RulesOracle.R r) {
        Role role = new Role();
        role.id = UUID.randomUUID();
        role.key = r.key();
        role.level = r.level();
        role.permissions = r.patterns().toArray(String[]::new);
        return role;
    }
}
