package dev.latchkey.token.settings;

import dev.latchkey.common.caller.Caller;
import dev.latchkey.common.problem.Problem;
import dev.latchkey.token.audit.ActorResolver;
import dev.latchkey.token.access.AccessPolicy;
import dev.latchkey.common.access.Permission;
import dev.latchkey.token.settings.api.SettingsBody;
import dev.latchkey.token.settings.api.TenantSettingsResponse;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** M2M settings: the application's (vendor) and a tenant's tightening of them. */
@Path("/")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "settings", description = "M2M settings: the vendor's, tightened per tenant")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "400", description = "Invalid body, or a tenant setting looser than the application's",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "401", description = "Missing, forged or expired bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "Missing permission",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class SettingsResource {

    private final SettingsService settings;
    private final Caller caller;
    private final ActorResolver actor;

    public SettingsResource(SettingsService settings, Caller caller, ActorResolver actor) {
        this.settings = settings;
        this.caller = caller;
        this.actor = actor;
    }

    @GET
    @Path("settings")
    @Operation(summary = "The application's M2M settings (vendor only)")
    public Uni<SettingsBody> application() {
        caller.requireVendor();
        return settings.applicationBody();
    }

    @PUT
    @Path("settings")
    @Operation(summary = "Replace the application's M2M settings (vendor only)")
    public Uni<SettingsBody> replaceApplication(@Valid @NotNull SettingsBody body) {
        caller.requireVendor();
        return settings.replaceApplication(body, actor.actor());
    }

    @GET
    @Path("tenants/{tenantId}/settings")
    @Operation(summary = "A tenant's overrides and the settings in force for it (settings.read)")
    public Uni<TenantSettingsResponse> tenant(@PathParam("tenantId") UUID tenantId) {
        AccessPolicy.require(caller.claims(), tenantId, Permission.SETTINGS_READ);
        return settings.tenant(tenantId);
    }

    @PUT
    @Path("tenants/{tenantId}/settings")
    @Operation(summary = "Replace a tenant's overrides; each may only tighten the application's (settings.write)")
    public Uni<TenantSettingsResponse> replaceTenant(@PathParam("tenantId") UUID tenantId,
            @Valid @NotNull SettingsBody body) {
        AccessPolicy.require(caller.claims(), tenantId, Permission.SETTINGS_WRITE);
        return settings.replaceTenant(tenantId, body, actor.actor());
    }
}
