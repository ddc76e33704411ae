package dev.latchkey.token.usage;

import dev.latchkey.token.usage.api.UsageReport;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path(UsageResource.PATH)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "internal")
@SecurityRequirement(name = "service")
public class UsageResource {

    public static final String PATH = "/internal/usage";

    private final UsageService usage;

    public UsageResource(UsageService usage) {
        this.usage = usage;
    }

    @POST
    @Operation(summary = "Record a batch of uses (lastUsedAt) and failed uses (audit) from auth-service")
    @APIResponse(responseCode = "204", description = "Recorded")
    public Uni<Void> report(@Valid @NotNull UsageReport report) {
        return usage.apply(report);
    }
}
