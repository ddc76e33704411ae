package dev.latchkey.common.testing;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The committed OpenAPI contract of a service ({@code docs/api/<service>.openapi.yaml}) must equal the served one,
 * so that a contract change is always deliberate. Run the tests with {@code -Dlatchkey.contracts.write=true}
 * to write the served document over the committed one, then review the diff.
 */
public final class OpenApiContract {

    private OpenApiContract() {
    }

    /** @return null when they match, else a message saying how to accept the change */
    public static String compare(String service) {
        String served = given().queryParam("format", "yaml").get("/q/openapi").then().statusCode(200)
                .extract().asString().replace("\r\n", "\n");
        Path committed = Path.of("..", "docs", "api", service + ".openapi.yaml");
        try {
            if (Boolean.getBoolean("latchkey.contracts.write")) {
                Files.writeString(committed, served);
                return null;
            }
            if (!Files.exists(committed)) {
                return committed + " is missing; run the tests with -Dlatchkey.contracts.write=true";
            }
            String expected = Files.readString(committed).replace("\r\n", "\n");
            return expected.equals(served) ? null
                    : "the served OpenAPI document differs from " + committed
                            + "; if the change is deliberate, run the tests with -Dlatchkey.contracts.write=true";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
