package dev.latchkey.token.audit;

import dev.latchkey.common.caller.Caller;
import dev.latchkey.common.problem.Problem;
import dev.latchkey.token.TokenServiceApi;
import dev.latchkey.token.audit.api.AuditPage;
import dev.latchkey.token.access.AccessPolicy;
import dev.latchkey.common.access.Permission;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The append-only audit log: every change to a token or setting, and every failed use auth-service reports. */
@Path("/")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = TokenServiceApi.AUDIT)
@SecurityRequirement(name = TokenServiceApi.BEARER)
@APIResponse(responseCode = "401", description = "Missing, forged or expired bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "Missing permission",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "400", description = "page or size out of range",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class AuditResource {

    private final AuditLog audit;
    private final Caller caller;

    public AuditResource(AuditLog audit, Caller caller) {
        this.audit = audit;
        this.caller = caller;
    }

    @GET
    @Path("tenants/{tenantId}/audit")
    @Operation(operationId = "listTenantAuditEntries", summary = "The tenant's audit log, newest first",
            description = "Needs audit.read. Every change to the tenant's tokens and settings, and every failed use of "
                    + "its tokens; with tokenId, only that token's. Never a secret or a hash.")
    @APIResponse(responseCode = "200", description = "One page of entries",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AuditPage.class)))
    @APIResponse(responseCode = "404", description = "Another tenant (the same as a missing one)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<AuditPage> tenant(@PathParam("tenantId") UUID tenantId, @Parameter(description = "Only this token's entries") @QueryParam("tokenId") UUID tokenId,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(1_000_000) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        AccessPolicy.require(caller.claims(), tenantId, Permission.AUDIT_READ);
        return audit.page(tenantId, tokenId, page, size).map(AuditPage::of);
    }

    @GET
    @Path("audit")
    @Operation(operationId = "listVendorAuditEntries",
            summary = "Events outside any tenant, newest first (vendor only)",
            description = "Changes to the vendor's own credential and to the application's settings; with tokenId, "
                    + "only that token's.")
    @APIResponse(responseCode = "200", description = "One page of entries",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AuditPage.class)))
    public Uni<AuditPage> vendor(@Parameter(description = "Only this token's entries") @QueryParam("tokenId") UUID tokenId,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(1_000_000) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        caller.requireVendor();
        return audit.page(null, tokenId, page, size).map(AuditPage::of);
    }
}
