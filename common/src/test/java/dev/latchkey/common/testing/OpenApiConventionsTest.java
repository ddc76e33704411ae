package dev.latchkey.common.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenApiConventionsTest {

    private static final String PROBLEM = "{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}}";

    @Test
    void aWellDescribedOperationPasses() throws Exception {
        JsonNode document = json("""
                {"tags":[{"name":"Tenants"}],"paths":{"/tenants/{tenantId}":{"delete":{
                  "operationId":"deleteTenant","summary":"Delete","description":"Final","tags":["Tenants"],
                  "parameters":[{"name":"tenantId","in":"path"}],"security":[{"bearer":[]}],
                  "responses":{"204":{"description":"Deleted"},"401":{"content":%s}}}}}}
                """.formatted(PROBLEM));
        assertEquals(List.of(), OpenApiConventions.check(document));
    }

    @Test
    void whatGeneratorsTripOverIsReported() throws Exception {
        JsonNode document = json("""
                {"tags":[{"name":"Tokens"}],"paths":{
                  "/tenants/{tenantId}/tokens":{"get":{"summary":"List","tags":["tenant tokens"],
                    "parameters":[{"name":"page","in":"query"}],"security":[{"service":[]}],
                    "responses":{"200":{"description":"OK"},"403":{"description":"Not Allowed"}}}},
                  "/internal/usage":{"post":{"operationId":"reportUsage","summary":"s","description":"d","tags":["Tokens"],
                    "requestBody":{},"security":[{"bearer":[]}],"responses":{"204":{"description":"ok"},"401":{"content":%s}}}}}}
                """.formatted(PROBLEM));
        assertEquals(List.of(
                "GET /tenants/{tenantId}/tokens: operationId '' is not camelCase",
                "GET /tenants/{tenantId}/tokens: no description",
                "GET /tenants/{tenantId}/tokens: needs exactly one tag declared at the top: [\"tenant tokens\"]",
                "GET /tenants/{tenantId}/tokens: path parameter {tenantId} is not declared",
                "GET /tenants/{tenantId}/tokens: security must be exactly bearer, is [{\"service\":[]}]",
                "GET /tenants/{tenantId}/tokens: 200 has no named JSON model: ",
                "GET /tenants/{tenantId}/tokens: 403 is not a Problem under application/problem+json: ",
                "GET /tenants/{tenantId}/tokens: no 401 response",
                "GET /tenants/{tenantId}/tokens: takes input but declares no 400",
                "POST /internal/usage: security must be exactly service, is [{\"bearer\":[]}]",
                "POST /internal/usage: takes input but declares no 400"),
                OpenApiConventions.check(document));
    }

    private static JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text);
    }
}
