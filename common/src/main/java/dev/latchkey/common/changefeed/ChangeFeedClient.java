package dev.latchkey.common.changefeed;

import dev.latchkey.common.internal.ServiceCredentialFilter;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;

/** Another service's {@code GET /internal/changes}, with the service credential. */
@Path(ChangeFeedEndpoint.PATH)
@ClientHeaderParam(name = ServiceCredentialFilter.HEADER, value = "${latchkey.internal.credential}")
public interface ChangeFeedClient {

    @GET
    Uni<ChangePage> changes(@QueryParam("after") long after, @QueryParam("wait") int wait, @QueryParam("limit") int limit);

    /** A client of the service at {@code baseUrl}; reads wait longer than any long poll. */
    static ChangeFeedClient of(String baseUrl) {
        return QuarkusRestClientBuilder.newBuilder().baseUri(URI.create(baseUrl))
                .connectTimeout(2, TimeUnit.SECONDS).readTimeout(30, TimeUnit.SECONDS)
                .build(ChangeFeedClient.class);
    }
}
