package dev.latchkey.auth.oauth2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The token endpoint's hand-written JSON is, for any values, the document Jackson writes from the record. */
class TokenResponseTest {

    private static final ObjectMapper JACKSON = new ObjectMapper();

    @Provide
    Arbitrary<String> text() {
        // anything a JSON string must escape: quotes, backslashes, control characters, non-ASCII
        return Arbitraries.strings().all().ofMaxLength(80).injectNull(0.3);
    }

    @Property(tries = 500)
    void writtenAsJacksonWritesIt(@ForAll("text") String accessToken, @ForAll("text") String tokenType,
            @ForAll long expiresIn, @ForAll("text") String refreshToken, @ForAll("text") String scope,
            @ForAll("text") String issuedTokenType) throws Exception {
        TokenResponse response = new TokenResponse(accessToken == null ? "" : accessToken,
                tokenType == null ? "Bearer" : tokenType, expiresIn, refreshToken, scope, issuedTokenType);
        assertEquals(JACKSON.readTree(JACKSON.writeValueAsString(response)), JACKSON.readTree(response.toJson()));
    }
}
