package dev.latchkey.auth.oauth2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.auth.RbacStub;
import dev.latchkey.auth.TokenServiceStub;
import dev.latchkey.common.testing.PostgresResource;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ClientProxy;
import io.quarkus.arc.InstanceHandle;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.context.SmallRyeThreadContext;
import java.lang.reflect.Constructor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What the token and introspection endpoints pay per request for the frameworks around them (docs/performance.md
 * "What limits each path"): no bean they reach is looked up through a client proxy at each call, and no context is
 * captured and restored around each Mutiny stage.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(TokenServiceStub.class)
@WithTestResource(RbacStub.class)
class HotPathTest {

    /** Every bean of Latchkey's own that the two endpoints reach through constructors, directly or not. */
    static Set<Class<?>> reachable(Class<?>... roots) {
        Set<Class<?>> seen = new LinkedHashSet<>();
        Deque<Class<?>> next = new ArrayDeque<>(List.of(roots));
        while (!next.isEmpty()) {
            for (Constructor<?> constructor : next.pop().getDeclaredConstructors()) {
                for (Class<?> parameter : constructor.getParameterTypes()) {
                    if (parameter.getName().startsWith("dev.latchkey.") && seen.add(parameter)) {
                        next.add(parameter);
                    }
                }
            }
        }
        return seen;
    }

    @Test
    void noBeanOnTheTokenOrIntrospectionPathIsBehindAClientProxy() {
        Set<Class<?>> reached = reachable(TokenEndpoint.class, IntrospectionEndpoint.class);
        List<String> proxied = new ArrayList<>();
        int beans = 0;
        for (Class<?> type : reached) {
            try (InstanceHandle<?> bean = Arc.container().instance(type)) {
                if (!bean.isAvailable()) {
                    continue; // not a bean: a record or another plain type
                }
                beans++;
                if (bean.get() instanceof ClientProxy) {
                    proxied.add(type.getName());
                }
            }
        }
        assertTrue(beans >= 10, "the walk should reach the grants, the credential store, the signer...: " + reached);
        assertEquals(List.of(), proxied, "beans behind a client proxy (look their instance up at each call)");
    }

    @Test
    void mutinyStagesCarryNoCapturedContext() {
        SmallRyeThreadContext context = Arc.container().instance(SmallRyeThreadContext.class).get();
        assertTrue(context.isEmpty(), "the default thread context propagates or clears something: " + context.getPlan());
        assertFalse(context.getPlan().propagatedProviders.iterator().hasNext());
    }
}
