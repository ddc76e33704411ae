package dev.latchkey.auth;

import static org.junit.jupiter.api.Assertions.assertNull;

import dev.latchkey.common.testing.OpenApiContract;
import dev.latchkey.common.testing.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(TokenServiceStub.class)
@WithTestResource(RbacStub.class)
class OpenApiContractTest {

    @Test
    void servedContractEqualsTheCommittedOne() {
        assertNull(OpenApiContract.compare("auth-service"));
    }
}
