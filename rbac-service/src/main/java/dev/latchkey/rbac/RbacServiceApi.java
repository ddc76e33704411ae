package dev.latchkey.rbac;

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
 * The front page of rbac-service's OpenAPI contract ({@code docs/api/rbac-service.openapi.yaml}): its tags (one per
 * resource; generated SDKs name their API classes after them), its two security schemes and its default server.
 * Management operations declare {@code bearer}; only {@code /internal/**} declares {@code service}. The OpenAPI
 * scanner reads this definition only from a JAX-RS {@link Application}; it adds no path and restricts no resource.
 */
@OpenAPIDefinition(
        info = @Info(title = "Latchkey rbac-service", version = "0.1.0",
                description = "Tenants, memberships, permissions, roles with levels: who may do what."),
        servers = @Server(url = "http://127.0.0.1:8081",
                description = "The local run command; a deployment serves it at its own URL"),
        tags = {
                @Tag(name = RbacServiceApi.TENANTS, description = "The vendor's customer accounts"),
                @Tag(name = RbacServiceApi.MEMBERSHIPS, description = "Users' memberships in a tenant and their roles there"),
                @Tag(name = RbacServiceApi.ROLES, description = "Named sets of permissions with a level; 0 is the strongest"),
                @Tag(name = RbacServiceApi.PERMISSIONS, description = "Permission keys roles and tokens may grant"),
                @Tag(name = RbacServiceApi.ACCESS,
                        description = "The caller's own effective rights in a tenant, as the rules decide them"),
                @Tag(name = RbacServiceApi.INTERNAL,
                        description = "Service-to-service calls; require the X-Latchkey-Service credential")
        },
        components = @Components(securitySchemes = {
                @SecurityScheme(securitySchemeName = RbacServiceApi.BEARER, type = SecuritySchemeType.HTTP,
                        scheme = "bearer", bearerFormat = "JWT",
                        description = "A JWT from auth-service's /oauth/token (or from the vendor's identity provider)"),
                @SecurityScheme(securitySchemeName = RbacServiceApi.SERVICE, type = SecuritySchemeType.APIKEY,
                        in = SecuritySchemeIn.HEADER, apiKeyName = ServiceCredentialFilter.HEADER,
                        description = "The shared service credential from configuration; /internal/** only")
        }))
public class RbacServiceApi extends Application {

    public static final String TENANTS = "Tenants";
    public static final String MEMBERSHIPS = "Memberships";
    public static final String ROLES = "Roles";
    public static final String PERMISSIONS = "Permissions";
    public static final String ACCESS = "Access";
    public static final String INTERNAL = "Internal";

    /** Security scheme of the management operations. */
    public static final String BEARER = "bearer";
    /** Security scheme of {@code /internal/**}. */
    public static final String SERVICE = "service";
}
