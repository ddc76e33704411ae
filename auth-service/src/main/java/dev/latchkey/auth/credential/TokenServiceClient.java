package dev.latchkey.auth.credential;

import dev.latchkey.common.changefeed.ChangePage;
import dev.latchkey.common.internal.ServiceCredentialFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** token-service's internal API (docs/api/token-service.openapi.yaml, tag "internal"). */
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

    @POST
    @Path("usage")
    Uni<Void> usage(UsageReport report);

    @GET
    @Path("changes")
    Uni<ChangePage> changes(@QueryParam("after") long after, @QueryParam("wait") int wait, @QueryParam("limit") int limit);
}
