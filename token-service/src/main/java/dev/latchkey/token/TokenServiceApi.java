package dev.latchkey.token;

import dev.latchkey.common.internal.ServiceCredentialFilter;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.servers.Server;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The front page of token-service's OpenAPI contract ({@code docs/api/token-service.openapi.yaml}): its tags (one per
 * resource; generated SDKs name their API classes after them), its two security schemes and its default server.
 * Management operations declare {@code bearer}; only {@code /internal/**} declares {@code service}. The OpenAPI
 * scanner reads this definition only from a JAX-RS {@link Application}; it adds no path and restricts no resource.
 */
@OpenAPIDefinition(
        info = @Info(title = "Latchkey token-service", version = "0.1.0",
                description = "The life of an API token: settings, create, list, update, roll, delete, audit; "
                        + "credential checks for auth-service."),
        servers = @Server(url = "http://127.0.0.1:8082",
                description = "The local run command; a deployment serves it at its own URL"),
        tags = {
                @Tag(name = TokenServiceApi.TOKENS, description = "API tokens: a tenant's own, and users' personal tokens"),
                @Tag(name = TokenServiceApi.SETTINGS, description = "M2M settings: the vendor's, tightened per tenant"),
                @Tag(name = TokenServiceApi.AUDIT, description = "Who did what to which token, when, from where"),
                @Tag(name = TokenServiceApi.INTERNAL,
                        description = "Service-to-service calls; require the X-Latchkey-Service credential")
        },
        components = @Components(securitySchemes = {
                @SecurityScheme(securitySchemeName = TokenServiceApi.BEARER, type = SecuritySchemeType.HTTP,
                        scheme = "bearer", bearerFormat = "JWT",
                        description = "A JWT from auth-service's /oauth/token (or from the vendor's identity provider)"),
                @SecurityScheme(securitySchemeName = TokenServiceApi.SERVICE, type = SecuritySchemeType.APIKEY,
                        in = SecuritySchemeIn.HEADER, apiKeyName = ServiceCredentialFilter.HEADER,
                        description = "The shared service credential from configuration; /internal/** only")
        }))
public class TokenServiceApi extends Application {

    public static final String TOKENS = "Tokens";
    public static final String SETTINGS = "Settings";
    public static final String AUDIT = "Audit";
    public static final String INTERNAL = "Internal";

    /** Security scheme of the management operations. */
    public static final String BEARER = "bearer";
    /** Security scheme of {@code /internal/**}. */
    public static final String SERVICE = "service";
}
