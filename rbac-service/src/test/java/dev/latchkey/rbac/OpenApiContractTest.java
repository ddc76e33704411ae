package dev.latchkey.rbac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.common.testing.ContractExamples;
import dev.latchkey.common.testing.JwksStub;
import dev.latchkey.common.testing.OpenApiContract;
import dev.latchkey.common.testing.OpenApiConventions;
import dev.latchkey.common.testing.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(JwksStub.class)
class OpenApiContractTest {

    @Inject
    ObjectMapper json;

    @Inject
    Validator validator;

    @Test
    void servedContractEqualsTheCommittedOne() {
        assertNull(OpenApiContract.compare("rbac-service"));
    }

    @Test
    void everyOperationGeneratesAUsableSdkMethod() {
        List<String> failures = OpenApiConventions.check();
        assertEquals(List.of(), failures, String.join("\n", failures));
    }

    @Test
    void everyExampleIsABodyTheServiceReads() {
        List<String> failures = ContractExamples.check(json, validator);
        assertEquals(List.of(), failures, String.join("\n", failures));
    }
}
