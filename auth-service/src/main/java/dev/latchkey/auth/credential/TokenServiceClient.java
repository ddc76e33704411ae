package dev.latchkey.auth.credential;

import dev.latchkey.common.internal.ServiceCredentialFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** token-service's internal credential checks (docs/api/token-service.openapi.yaml, tag "internal"). */
@RegisterRestClient(configKey = "token-service")
@Path("/internal/credentials")
@ClientHeaderParam(name = ServiceCredentialFilter.HEADER, value = "${latchkey.internal.credential}")
public interface TokenServiceClient {

    @POST
    @Path("client")
    Uni<CredentialVerdict> checkClient(ClientCredentialCheck check);
}
