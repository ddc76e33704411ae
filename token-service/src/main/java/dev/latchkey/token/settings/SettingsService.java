package dev.latchkey.token.settings;

import dev.latchkey.common.changefeed.ChangeType;
import dev.latchkey.common.changefeed.Payload;
import dev.latchkey.common.changefeed.Outbox;
import dev.latchkey.common.problem.Problem;
import dev.latchkey.common.problem.ProblemException;
import dev.latchkey.token.audit.Actor;
import dev.latchkey.token.audit.AuditLog;
import dev.latchkey.token.settings.api.SettingsBody;
import dev.latchkey.token.settings.api.TenantSettingsResponse;
import dev.latchkey.token.token.TokenType;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The application's M2M settings and each tenant's tightening of them. */
@ApplicationScoped
public class SettingsService {

    private final Outbox outbox;
    private final AuditLog audit;

    public SettingsService(Outbox outbox, AuditLog audit) {
        this.outbox = outbox;
        this.audit = audit;
    }

    /** The settings in force for a tenant; the application's for {@code tenantId == null}. Joins the current session. */
    public Uni<EffectiveSettings> effective(UUID tenantId) {
        return application().flatMap(app -> tenantId == null
                ? Uni.createFrom().item(EffectiveSettings.of(app, null))
                : Panache.getSession().flatMap(s -> s.find(TenantSettings.class, tenantId))
                        .map(tenant -> EffectiveSettings.of(app, tenant)));
    }

    @WithSession
    public Uni<EffectiveSettings> effectiveInSession(UUID tenantId) {
        return effective(tenantId);
    }

    @WithSession
    public Uni<SettingsBody> applicationBody() {
        return effective(null).map(EffectiveSettings::body);
    }

    @WithTransaction
    public Uni<SettingsBody> replaceApplication(SettingsBody body, Actor actor) {
        List<Problem.Violation> missing = new ArrayList<>();
        require(missing, "m2mEnabled", body.m2mEnabled());
        require(missing, "tokenTypes", body.tokenTypes());
        require(missing, "jwtLifetimeSeconds", body.jwtLifetimeSeconds());
        require(missing, "refreshTokensEnabled", body.refreshTokensEnabled());
        int reuse = body.jwtReuseSeconds() == null ? 0 : body.jwtReuseSeconds();
        if (body.jwtLifetimeSeconds() != null && reuse > body.jwtLifetimeSeconds() / 2) {
            missing.add(new Problem.Violation("jwtReuseSeconds",
                    "at most half of jwtLifetimeSeconds, so that a JWT handed back has most of its lifetime left"));
        }
        invalidIfAny(missing);
        return application().flatMap(app -> {
            app.m2mEnabled = body.m2mEnabled();
            app.tokenTypes = names(body.tokenTypes().stream().toList());
            app.maxExpiryMinutes = body.maxExpiryMinutes();
            app.jwtLifetimeSeconds = body.jwtLifetimeSeconds();
            app.refreshTokensEnabled = body.refreshTokensEnabled();
            app.jwtReuseSeconds = reuse;
            app.updatedBy = actor.subject();
            app.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            return outbox.append(ChangeType.SETTINGS_UPDATED, null, new Payload.Settings("application"))
                    .call(() -> audit.record(null, actor, "settings.updated", null, Map.of("scope", "application")))
                    .map(x -> EffectiveSettings.of(app, null).body());
        });
    }

    @WithSession
    public Uni<TenantSettingsResponse> tenant(UUID tenantId) {
        return application().flatMap(app -> Panache.getSession().flatMap(s -> s.find(TenantSettings.class, tenantId))
                .map(own -> new TenantSettingsResponse(overrides(own), EffectiveSettings.of(app, own).body())));
    }

    /** Replaces the tenant's overrides; each set field may only tighten the application's setting. */
    @WithTransaction
    public Uni<TenantSettingsResponse> replaceTenant(UUID tenantId, SettingsBody body, Actor actor) {
        return application().flatMap(app -> {
            EffectiveSettings base = EffectiveSettings.of(app, null);
            List<Problem.Violation> looser = new ArrayList<>();
            if (Boolean.TRUE.equals(body.m2mEnabled()) && !base.m2mEnabled()) {
                looser.add(tighten("m2mEnabled", "M2M is disabled for the application"));
            }
            if (body.tokenTypes() != null && !base.tokenTypes().containsAll(body.tokenTypes())) {
                looser.add(tighten("tokenTypes", "the application allows only " + base.tokenTypes()));
            }
            if (body.maxExpiryMinutes() != null && base.maxExpiryMinutes() != null
                    && body.maxExpiryMinutes() > base.maxExpiryMinutes()) {
                looser.add(tighten("maxExpiryMinutes", "the application allows at most " + base.maxExpiryMinutes()));
            }
            if (body.jwtLifetimeSeconds() != null && body.jwtLifetimeSeconds() > base.jwtLifetimeSeconds()) {
                looser.add(tighten("jwtLifetimeSeconds", "the application allows at most " + base.jwtLifetimeSeconds()));
            }
            if (Boolean.TRUE.equals(body.refreshTokensEnabled()) && !base.refreshTokensEnabled()) {
                looser.add(tighten("refreshTokensEnabled", "refresh tokens are disabled for the application"));
            }
            if (body.jwtReuseSeconds() != null && body.jwtReuseSeconds() > base.jwtReuseSeconds()) {
                looser.add(tighten("jwtReuseSeconds", "the application allows at most " + base.jwtReuseSeconds()));
            }
            invalidIfAny(looser);
            return Panache.getSession().flatMap(s -> s.find(TenantSettings.class, tenantId).flatMap(found -> {
                TenantSettings own = found == null ? new TenantSettings() : found;
                own.tenantId = tenantId;
                own.m2mEnabled = body.m2mEnabled();
                own.tokenTypes = body.tokenTypes() == null ? null : names(body.tokenTypes().stream().toList());
                own.maxExpiryMinutes = body.maxExpiryMinutes();
                own.jwtLifetimeSeconds = body.jwtLifetimeSeconds();
                own.refreshTokensEnabled = body.refreshTokensEnabled();
                own.jwtReuseSeconds = body.jwtReuseSeconds();
                own.updatedBy = actor.subject();
                own.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                return (found == null ? s.persist(own) : Uni.createFrom().voidItem())
                        .call(() -> outbox.append(ChangeType.SETTINGS_UPDATED, tenantId, new Payload.Settings("tenant")))
                        .call(() -> audit.record(tenantId, actor, "settings.updated", null, Map.of("scope", "tenant")))
                        .map(x -> new TenantSettingsResponse(overrides(own), EffectiveSettings.of(app, own).body()));
            }));
        });
    }

    private Uni<ApplicationSettings> application() {
        return Panache.getSession().flatMap(s -> s.find(ApplicationSettings.class, ApplicationSettings.ID));
    }

    private static SettingsBody overrides(TenantSettings own) {
        if (own == null) {
            return new SettingsBody(null, null, null, null, null, null);
        }
        return new SettingsBody(own.m2mEnabled, own.tokenTypes == null ? null : EffectiveSettings.types(own.tokenTypes),
                own.maxExpiryMinutes, own.jwtLifetimeSeconds, own.refreshTokensEnabled, own.jwtReuseSeconds);
    }

    private static String[] names(List<TokenType> types) {
        return types.stream().map(Enum::name).sorted().toArray(String[]::new);
    }

    private static Problem.Violation tighten(String field, String why) {
        return new Problem.Violation(field, "a tenant may only tighten the application's setting: " + why);
    }

    private static void require(List<Problem.Violation> missing, String field, Object value) {
        if (value == null) {
            missing.add(new Problem.Violation(field, "must not be null"));
        }
    }

    private static void invalidIfAny(List<Problem.Violation> violations) {
        if (!violations.isEmpty()) {
            throw new ProblemException(new Problem(Problem.TYPE_PREFIX + "validation", "Invalid request", 400,
                    violations.get(0).field() + ": " + violations.get(0).message(), violations));
        }
    }
}
