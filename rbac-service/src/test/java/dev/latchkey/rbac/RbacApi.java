package dev.latchkey.rbac;

import static io.restassured.RestAssured.given;

import dev.latchkey.common.testing.JwksStub;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Collectors;

/** Test helpers that set up tenants, roles and users through the real API, as the vendor. */
public final class RbacApi {

    public static final String ADMIN = "00000000-0000-4000-8000-000000000001";
    public static final String MEMBER = "00000000-0000-4000-8000-000000000010";
    public static final String SERVICE_HEADER = "X-Latchkey-Service";
    public static final String SERVICE_CREDENTIAL = "dev-internal-credential-not-for-production";

    private RbacApi() {
    }

    public static RequestSpecification as(String jwt) {
        return given().auth().oauth2(jwt).contentType(ContentType.JSON);
    }

    public static RequestSpecification asVendor() {
        return as(JwksStub.vendorToken());
    }

    public static RequestSpecification internal() {
        return given().header(SERVICE_HEADER, SERVICE_CREDENTIAL).contentType(ContentType.JSON);
    }

    public static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * A personal token of a user with these role keys whose JWT claims every registered key, as an unnarrowed JWT
     * issued now would (its roles then decide what it holds).
     */
    public static String personalToken(String tenantId, String userId, String... roleKeys) {
        java.util.List<String> keys = asVendor().get("/permissions").then().statusCode(200).extract().jsonPath().getList("key");
        return dev.latchkey.common.testing.JwksStub.personalToken(tenantId, userId, java.util.List.of(roleKeys), keys);
    }

    public static String createTenant(String name) {
        return asVendor().body("{\"name\":\"" + name + "\"}").post("/tenants").then().statusCode(201).extract().path("id");
    }

    /** A role in the tenant (or global when tenantId is null), created by the vendor. */
    public static String createRole(String tenantId, String key, int level, String... permissions) {
        String path = tenantId == null ? "/roles" : "/tenants/" + tenantId + "/roles";
        return asVendor().body(roleBody(key, level, permissions)).post(path).then().statusCode(201).extract().path("id");
    }

    public static String roleBody(String key, int level, String... permissions) {
        return "{\"key\":\"" + key + "\",\"name\":\"" + key + "\",\"level\":" + level + ",\"permissions\":"
                + json(permissions) + "}";
    }

    public static void putUser(String tenantId, String userId, String... roleIds) {
        asVendor().body(rolesBody(roleIds)).put("/tenants/" + tenantId + "/users/" + userId).then().statusCode(201);
    }

    public static String rolesBody(String... roleIds) {
        return "{\"roleIds\":" + json(roleIds) + "}";
    }

    public static String json(String... values) {
        return Arrays.stream(values).map(v -> "\"" + v + "\"").collect(Collectors.joining(",", "[", "]"));
    }

}
