package dev.latchkey.token.token;

import dev.latchkey.common.api.Page;
import dev.latchkey.common.caller.Caller;
import dev.latchkey.token.audit.ActorResolver;
import dev.latchkey.token.token.api.TokenResponse;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
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

/** Tokens of one user in one tenant: they act with the user's current roles and die with the membership. */
@Path(PersonalTokenResource.PATH)
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "personal tokens", description = "API tokens of one user in a tenant, narrowed to a subset of its roles")
public class PersonalTokenResource extends TokenResource {

    public static final String PATH = "/tenants/{tenantId}/personal-tokens";

    public PersonalTokenResource(ApiTokenService tokens, Caller caller, ActorResolver actor) {
        super(tokens, caller, actor);
    }

    @Override
    protected TokenContext context() {
        return TokenContext.PERSONAL;
    }

    @GET
    @Operation(summary = "List personal tokens, newest first: the caller's own, or with userId another user's (users.write, level rule)")
    public Uni<Page<TokenResponse>> list(@PathParam("tenantId") UUID tenantId,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(1_000_000) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size,
            @QueryParam("userId") @Size(min = 1, max = 200) String userId) {
        return tokens.list(tenantId, context(), userId, page, size, caller.claims());
    }
}
