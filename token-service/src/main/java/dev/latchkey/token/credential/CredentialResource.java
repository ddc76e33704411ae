package dev.latchkey.token.credential;

import dev.latchkey.common.problem.Problem;
import dev.latchkey.token.TokenServiceApi;
import dev.latchkey.token.credential.api.AccessKeyCheck;
import dev.latchkey.token.credential.api.ClientCredentialCheck;
import dev.latchkey.token.credential.api.CredentialVerdict;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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

/** Credential checks for auth-service. Internal: requires the service credential (common ServiceCredentialFilter). */
@Path(CredentialResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = TokenServiceApi.INTERNAL)
@SecurityRequirement(name = TokenServiceApi.SERVICE)
@APIResponse(responseCode = "401", description = "Missing or wrong service credential",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class CredentialResource {

    public static final String PATH = "/internal/credentials";

    private final CredentialService credentials;

    public CredentialResource(CredentialService credentials) {
        this.credentials = credentials;
    }

    @POST
    @Path("client")
    @Operation(operationId = "checkClientCredential", summary = "Check a client id and secret",
            description = "200 in every case where the call itself is fine; the verdict says whether the credential is good.")
    @APIResponse(responseCode = "200", description = "The verdict",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CredentialVerdict.class)))
    @APIResponse(responseCode = "400", description = "Invalid body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<CredentialVerdict> checkClient(@Valid @NotNull ClientCredentialCheck check) {
        return credentials.checkClient(check.clientId(), check.clientSecret());
    }

    @GET
    @Path("tokens/{tokenId}")
    @Operation(operationId = "getTokenState", summary = "The state of a token known by id (for refresh tokens and introspection of JWTs)",
            description = "200 with a verdict: valid, or why not (UNKNOWN for a deleted token).")
    @APIResponse(responseCode = "200", description = "The verdict",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CredentialVerdict.class)))
    public Uni<CredentialVerdict> state(@PathParam("tokenId") UUID tokenId) {
        return credentials.state(tokenId);
    }

    @POST
    @Path("access-key")
    @Operation(operationId = "checkAccessKey", summary = "Check an access-token key",
            description = "200 in every case where the call itself is fine; the verdict says whether the key is good.")
    @APIResponse(responseCode = "200", description = "The verdict",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CredentialVerdict.class)))
    @APIResponse(responseCode = "400", description = "Invalid body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<CredentialVerdict> checkAccessKey(@Valid @NotNull AccessKeyCheck check) {
        return credentials.checkAccessKey(check.accessKey());
    }
}
