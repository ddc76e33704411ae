package dev.latchkey.token.audit;

import dev.latchkey.common.api.Page;
import dev.latchkey.common.caller.Caller;
import dev.latchkey.common.problem.Problem;
import dev.latchkey.token.audit.api.AuditEntry;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The append-only audit log: every change to a token or setting, and every failed use auth-service reports. */
@Path("/")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "audit", description = "Who did what to which token, when, from where")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "Missing, forged or expired bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "Missing permission",
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
    @Operation(summary = "The tenant's audit log, newest first (audit.read)")
    @APIResponse(responseCode = "404", description = "Another tenant (the same as a missing one)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Page<AuditEntry>> tenant(@PathParam("tenantId") UUID tenantId, @QueryParam("tokenId") UUID tokenId,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(1_000_000) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        AccessPolicy.require(caller.claims(), tenantId, Permission.AUDIT_READ);
        return audit.page(tenantId, tokenId, page, size);
    }

    @GET
    @Path("audit")
    @Operation(summary = "Events outside any tenant (the vendor's credential, application settings), newest first (vendor)")
    public Uni<Page<AuditEntry>> vendor(@QueryParam("tokenId") UUID tokenId,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(1_000_000) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        caller.requireVendor();
        return audit.page(null, tokenId, page, size);
    }
}
