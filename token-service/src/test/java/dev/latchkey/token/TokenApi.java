package dev.latchkey.token;

import static io.restassured.RestAssured.given;

import dev.latchkey.common.testing.JwksStub;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/** Callers and request bodies for token-service tests. */
public final class TokenApi {

    /** What auth-service puts in an Admin's JWT: every built-in permission, expanded. */
    public static final List<String> ADMIN_PERMISSIONS = List.of("tokens.tenant.read", "tokens.tenant.write",
            "tokens.tenant.delete", "tokens.personal.read", "tokens.personal.write", "tokens.personal.delete",
            "roles.read", "roles.write", "users.read", "users.write", "audit.read", "settings.read", "settings.write",
            "oauth.introspect");
    /** A Member's: the reads and its own personal tokens. */
    public static final List<String> MEMBER_PERMISSIONS = List.of("tokens.tenant.read", "tokens.personal.read",
            "tokens.personal.write", "tokens.personal.delete", "roles.read", "users.read", "audit.read", "settings.read");

    private TokenApi() {
    }

    /** A user with the Admin role in the tenant, and a JWT of theirs. */
    public static String admin(UUID tenant, String userId) {
        RbacStub.member(tenant, userId, RbacStub.ADMIN);
        return JwksStub.personalToken(tenant.toString(), userId, List.of("Admin"), ADMIN_PERMISSIONS);
    }

    public static String member(UUID tenant, String userId) {
        RbacStub.member(tenant, userId, RbacStub.MEMBER);
        return JwksStub.personalToken(tenant.toString(), userId, List.of("Member"), MEMBER_PERMISSIONS);
    }

    public static RequestSpecification as(String jwt) {
        return given().auth().oauth2(jwt).contentType(ContentType.JSON);
    }

    public static RequestSpecification internal() {
        return given().header("X-Latchkey-Service", RbacStub.SERVICE_CREDENTIAL).contentType(ContentType.JSON);
    }

    public static String user() {
        return "user-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static String body(String type, String roleIdsOrNull, String permissionsOrNull, Integer expiresInMinutes) {
        StringBuilder b = new StringBuilder("{\"type\":\"" + type + "\",\"description\":\"test token\"");
        if (roleIdsOrNull != null) {
            b.append(",\"roleIds\":[").append(roleIdsOrNull).append(']');
        }
        if (permissionsOrNull != null) {
            b.append(",\"permissionIds\":[").append(permissionsOrNull).append(']');
        }
        if (expiresInMinutes != null) {
            b.append(",\"expiresInMinutes\":").append(expiresInMinutes);
        }
        return b.append('}').toString();
    }

    public static String ids(Object... ids) {
        return Arrays.stream(ids).map(id -> "\"" + id + "\"").collect(Collectors.joining(","));
    }
}
