package dev.latchkey.auth.credential;

import dev.latchkey.common.internal.ServiceCredentialFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * token-service's {@code POST /internal/usage}, off the hot path: a batch of up to 10,000 uses may take longer than the
 * short timeouts of {@link TokenServiceClient} allow, so it has its own ({@code quarkus.rest-client.token-service-usage.*}).
 */
@RegisterRestClient(configKey = "token-service-usage")
@Path("/internal")
@ClientHeaderParam(name = ServiceCredentialFilter.HEADER, value = "${latchkey.internal.credential}")
public interface UsageClient {

    @POST
    @Path("usage")
    Uni<Void> usage(TokenServiceClient.UsageReport report);
}
