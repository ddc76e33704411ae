package dev.latchkey.auth.rbac;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.latchkey.auth.credential.TokenState;
import dev.latchkey.common.neighbour.SingleFlight;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The roles and expanded permissions a JWT carries, from live role definitions (ADR 0010): a tenant token's roles
 * and permission patterns, a personal token's user's current roles narrowed to the token's subset, everything for
 * the vendor. Answers are kept per tenant and dropped when rbac-service's feed announces a change there.
 */
@Singleton
public class PermissionResolver {

    /**
     * What a JWT says the bearer may do: role keys, expanded permissions, and what each role grants (expanded), which
     * decides whether a role survives a narrowing scope. A role missing from {@code roleGrants} is dropped by any scope.
     */
    public record Rights(List<String> roles, List<String> permissions, boolean member, Map<String, List<String>> roleGrants) {
        public static final Rights VENDOR = new Rights(List.of(), List.of("*"), true, Map.of());
        public static final Rights NOT_A_MEMBER = new Rights(List.of(), List.of(), false, Map.of());

        /** The rights that rbac-service's role-permissions answer describes. */
        public static Rights of(RbacClient.RolePermissionsResponse r) {
            Map<String, List<String>> grants = new LinkedHashMap<>();
            for (RbacClient.RolePermissions role : r.roles()) {
                // two roles of one key (a global and a tenant role): the key survives only if both would
                grants.merge(role.key(), role.permissions() == null ? List.of() : role.permissions(),
                        (a, b) -> java.util.stream.Stream.concat(a.stream(), b.stream()).distinct().toList());
            }
            return new Rights(r.roles().stream().map(RbacClient.RolePermissions::key).distinct().toList(), r.permissions(),
                    true, grants);
        }
    }

    private final RbacClient rbac;
    private final Cache<String, Uni<Rights>> rights;
    private final Cache<UUID, Long> changedAt;
    /** Calls to rbac-service under way, so that concurrent requests of one token make one. */
    private final SingleFlight<String, Resolved> resolutions = new SingleFlight<>();
    private volatile LongSupplier feedCursor = () -> -1;
    private volatile Supplier<Boolean> feedFresh = () -> false;
    private volatile long everythingChangedAt = -1;

    public PermissionResolver(@RestClient RbacClient rbac, MeterRegistry registry) {
        this.rbac = rbac;
        this.rights = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(Duration.ofMinutes(10)).recordStats().build();
        this.changedAt = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(Duration.ofMinutes(20)).build();
        CaffeineCacheMetrics.monitor(registry, rights, "rights");
    }

    public void followedBy(LongSupplier cursor, Supplier<Boolean> fresh) {
        this.feedCursor = cursor;
        this.feedFresh = fresh;
    }

    public Uni<Rights> of(TokenState token) {
        if (token.isVendor()) {
            return Uni.createFrom().item(Rights.VENDOR);
        }
        String key = token.tenantId() + "|" + token.context() + "|" + token.userId() + "|"
                + sorted(token.roleIdsOrEmpty()) + "|" + token.hasAllRoles() + "|" + sorted(token.permissionIdsOrEmpty());
        boolean trusted = feedFresh.get();
        Uni<Rights> cached = trusted ? rights.getIfPresent(key) : null;
        if (cached != null) {
            return cached;
        }
        if (!trusted) {
            // memory is not trusted: every request asks rbac-service, on its own
            return resolve(token);
        }
        return resolutions.join(key, () -> {
            long asked = feedCursor.getAsLong();
            return resolve(token).map(resolved -> {
                if (!changedSince(token.tenantId(), asked)) {
                    rights.put(key, Uni.createFrom().item(resolved));
                }
                return new Resolved(resolved, asked);
            });
        }).flatMap(resolved -> changedSince(token.tenantId(), resolved.asked())
                // the tenant changed while the shared call was under way: this caller may have come after the change
                ? resolve(token) : Uni.createFrom().item(resolved.rights()));
    }

    /** Rights resolved, and the feed's cursor when they were asked for. */
    private record Resolved(Rights rights, long asked) {
    }

    private boolean changedSince(UUID tenantId, long cursor) {
        Long changed = changedAt.getIfPresent(tenantId);
        return (changed != null && changed > cursor) || everythingChangedAt > cursor;
    }

    /** Something changed in the tenant (roles, memberships, the tenant itself): its answers are stale. */
    public void changed(UUID tenantId, long cursor) {
        if (tenantId == null) {
            everythingChangedAt = cursor;
            rights.invalidateAll();
            return;
        }
        changedAt.put(tenantId, cursor);
        String prefix = tenantId + "|";
        rights.asMap().keySet().removeIf(k -> k.startsWith(prefix));
    }

    private Uni<Rights> resolve(TokenState token) {
        if (!token.isPersonal() && token.userId() == null) {
            return rbac.rolePermissions(token.tenantId(),
                            new RbacClient.RolePermissionsRequest(token.roleIdsOrEmpty(), token.permissionIdsOrEmpty()))
                    .map(Rights::of);
        }
        Set<UUID> subset = Set.copyOf(token.roleIdsOrEmpty());
        return rbac.userAccess(token.tenantId(), token.userId()).flatMap(access -> {
            if (!access.member()) {
                return Uni.createFrom().item(Rights.NOT_A_MEMBER);
            }
            List<UUID> held = access.roles().stream().map(RbacClient.RoleRef::id)
                    .filter(id -> token.hasAllRoles() || subset.contains(id)).toList();
            if (held.isEmpty()) {
                return Uni.createFrom().item(new Rights(List.of(), List.of(), true, Map.of()));
            }
            return rbac.rolePermissions(token.tenantId(), new RbacClient.RolePermissionsRequest(held, List.of()))
                    .map(Rights::of);
        });
    }

    private static String sorted(List<?> values) {
        return values.stream().map(Object::toString).sorted().collect(Collectors.joining(","));
    }
}
