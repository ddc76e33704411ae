package dev.latchkey.token.token;

import dev.latchkey.common.api.Page;
import dev.latchkey.common.caller.Caller;
import dev.latchkey.token.audit.ActorResolver;
import dev.latchkey.token.token.api.TokenResponse;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Tokens owned by the tenant. */
@Path(TenantTokenResource.PATH)
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "tenant tokens", description = "API tokens owned by a tenant; their roles are chosen at creation")
public class TenantTokenResource extends TokenResource {

    public static final String PATH = "/tenants/{tenantId}/tokens";

    public TenantTokenResource(ApiTokenService tokens, Caller caller, ActorResolver actor) {
        super(tokens, caller, actor);
    }

    @Override
    protected TokenContext context() {
        return TokenContext.TENANT;
    }

    @GET
    @Operation(summary = "List the tenant's tokens, newest first (tokens.tenant.read); never a secret")
    public Uni<Page<TokenResponse>> list(@PathParam("tenantId") UUID tenantId,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(1_000_000) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        return tokens.list(tenantId, context(), null, page, size, caller.claims());
    }
}
