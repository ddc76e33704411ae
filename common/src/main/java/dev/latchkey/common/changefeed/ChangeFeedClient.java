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
    Uni<ChangePage> changes(@QueryParam("after") long after, @QueryParam("waitMs") long waitMs, @QueryParam("limit") int limit);

    /** Changes after {@code after}, waiting up to {@code wait} for one: the poll a {@link FeedFollower} makes. */
    default Uni<ChangePage> changes(long after, java.time.Duration wait) {
        return changes(after, wait.toMillis(), FeedFollower.PAGE_SIZE);
    }

    /**
     * A client of the service at {@code baseUrl}, for long polls only: its reads may wait a whole poll, so it is kept
     * apart from the clients of the hot path, whose timeouts are short. A poll that hangs is given up by the
     * follower itself when its trust runs out.
     */
    static ChangeFeedClient of(String baseUrl) {
        return QuarkusRestClientBuilder.newBuilder().baseUri(URI.create(baseUrl))
                .connectTimeout(1, TimeUnit.SECONDS).readTimeout(65, TimeUnit.SECONDS)
                .build(ChangeFeedClient.class);
    }
}
