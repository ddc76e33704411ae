package dev.latchkey.token.settings;

import dev.latchkey.common.caller.Caller;
import dev.latchkey.common.problem.Problem;
import dev.latchkey.token.TokenServiceApi;
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
@Tag(name = TokenServiceApi.SETTINGS)
@SecurityRequirement(name = TokenServiceApi.BEARER)
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
    @Operation(operationId = "getApplicationSettings", summary = "The application's M2M settings (vendor only)",
            description = "Enabled token types, longest expiry, JWT lifetime and refresh tokens: what every tenant gets "
                    + "unless it tightens them.")
    @APIResponse(responseCode = "200", description = "The settings",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SettingsBody.class)))
    public Uni<SettingsBody> application() {
        caller.requireVendor();
        return settings.applicationBody();
    }

    @PUT
    @Path("settings")
    @Operation(operationId = "replaceApplicationSettings", summary = "Replace the application's M2M settings (vendor only)",
            description = "Every field is set; maxExpiryMinutes null means no limit. Tenants' tighter overrides stay; "
                    + "the effective settings are recomputed.")
    @APIResponse(responseCode = "200", description = "The settings now in force",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SettingsBody.class)))
    @APIResponse(responseCode = "400", description = "Invalid body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<SettingsBody> replaceApplication(@Valid @NotNull SettingsBody body) {
        caller.requireVendor();
        return settings.replaceApplication(body, actor.actor());
    }

    @GET
    @Path("tenants/{tenantId}/settings")
    @Operation(operationId = "getTenantSettings", summary = "A tenant's overrides and the settings in force for it",
            description = "Needs settings.read in the tenant.")
    @APIResponse(responseCode = "200", description = "The overrides and the effective settings",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TenantSettingsResponse.class)))
    @APIResponse(responseCode = "404", description = "No such tenant (another tenant's id answers the same)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<TenantSettingsResponse> tenant(@PathParam("tenantId") UUID tenantId) {
        AccessPolicy.require(caller.claims(), tenantId, Permission.SETTINGS_READ);
        return settings.tenant(tenantId);
    }

    @PUT
    @Path("tenants/{tenantId}/settings")
    @Operation(operationId = "replaceTenantSettings", summary = "Replace a tenant's overrides; each may only tighten the application's",
            description = "Needs settings.write in the tenant. A null field follows the application's setting.")
    @APIResponse(responseCode = "200", description = "The overrides and the effective settings",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TenantSettingsResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid body, or a setting looser than the application's",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such tenant (another tenant's id answers the same)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<TenantSettingsResponse> replaceTenant(@PathParam("tenantId") UUID tenantId,
            @Valid @NotNull SettingsBody body) {
        AccessPolicy.require(caller.claims(), tenantId, Permission.SETTINGS_WRITE);
        return settings.replaceTenant(tenantId, body, actor.actor());
    }
}
