package dev.latchkey.auth.credential;

import dev.latchkey.common.internal.ServiceCredentialFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * token-service's internal API on the exchange's hot path (docs/api/token-service.openapi.yaml, tag "internal"): its
 * timeouts are short ({@code quarkus.rest-client.token-service.*}), so a neighbour that hangs costs a caller well under a
 * second and a {@code temporarily_unavailable}, not a wait (ADR 0016). Usage batches go through {@link UsageClient}.
 */
@RegisterRestClient(configKey = "token-service")
@Path("/internal")
@ClientHeaderParam(name = ServiceCredentialFilter.HEADER, value = "${latchkey.internal.credential}")
public interface TokenServiceClient {

    record AccessKeyCheck(String accessKey) {
        @Override
        public String toString() {
            return "AccessKeyCheck[redacted]";
        }
    }

    record Use(UUID tokenId, Instant at) {
    }

    record Failure(UUID tokenId, String clientId, String reason, Instant at, String source) {
    }

    record UsageReport(List<Use> used, List<Failure> failures) {
    }

    @POST
    @Path("credentials/client")
    Uni<CredentialVerdict> checkClient(ClientCredentialCheck check);

    @POST
    @Path("credentials/access-key")
    Uni<CredentialVerdict> checkAccessKey(AccessKeyCheck check);

    @GET
    @Path("credentials/tokens/{tokenId}")
    Uni<CredentialVerdict> state(@PathParam("tokenId") UUID tokenId);

}
