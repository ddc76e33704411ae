package dev.latchkey.token.usage;

import dev.latchkey.common.problem.Problem;
import dev.latchkey.token.TokenServiceApi;
import dev.latchkey.token.usage.api.UsageReport;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path(UsageResource.PATH)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = TokenServiceApi.INTERNAL)
@SecurityRequirement(name = TokenServiceApi.SERVICE)
public class UsageResource {

    public static final String PATH = "/internal/usage";

    private final UsageService usage;

    public UsageResource(UsageService usage) {
        this.usage = usage;
    }

    @POST
    @Operation(operationId = "reportUsage",
            summary = "Record a batch of uses (lastUsedAt) and failed uses (audit) from auth-service",
            description = "auth-service sends what it saw since its last batch. lastUsedAt only moves forward; each "
                    + "failed use becomes an entry in its token's tenant's audit log.")
    @APIResponse(responseCode = "204", description = "Recorded")
    @APIResponse(responseCode = "400", description = "Invalid body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "Missing or wrong service credential",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Void> report(@Valid @NotNull UsageReport report) {
        return usage.apply(report);
    }
}
