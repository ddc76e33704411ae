package dev.latchkey.token.audit;

import dev.latchkey.common.caller.Caller;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;

/** The audit actor of the current request: the JWT's subject and the peer address. */
@RequestScoped
public class ActorResolver {

    private final Caller caller;
    private final HttpServerRequest request;

    public ActorResolver(Caller caller, HttpServerRequest request) {
        this.caller = caller;
        this.request = request;
    }

    public Actor actor() {
        String source = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        return new Actor(caller.subject(), source);
    }
}
