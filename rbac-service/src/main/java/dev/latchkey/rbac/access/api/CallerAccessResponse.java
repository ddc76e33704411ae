package dev.latchkey.rbac.access.api;

import dev.latchkey.rbac.role.Role;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The caller's own effective rights in a tenant, as the server's rules compute them: a page shows what they allow
 * (the roles it offers, the buttons it draws) without knowing the level rule or wildcard matching.
 */
@Schema(name = "CallerAccess", description = "What the caller itself may do in the tenant, decided by the server's rules",
        examples = CallerAccessResponse.EXAMPLE)
public record CallerAccessResponse(
        UUID tenantId,
        @Schema(description = "Whether the caller is the vendor: everything, above every level") boolean vendor,
        @Schema(description = "The user a personal token or user session acts for; absent for a tenant token or the vendor",
                examples = "auth0|6512f0c1") String userId,
        @Schema(description = "Strongest (smallest) level of the roles it carries; absent when it carries none",
                examples = "10") Integer level,
        @Schema(description = "The roles it carries after narrowing (only those whose every permission it still holds), "
                + "strongest first") List<RoleSummary> roles,
        @Schema(description = "The registered permission keys it holds, wildcards expanded, narrowing applied")
        List<String> permissions,
        @Schema(description = "Every role usable in the tenant that the caller may put on a tenant token (the level "
                + "and permission rules of the create-time grant check), strongest first, then by key")
        List<RoleSummary> grantableRoles) {

    /** The contract's example; OpenApiContractTest reads it back into this record and validates it. */
    public static final String EXAMPLE = """
            {"tenantId": "1b4e28ba-2fa1-11d2-883f-0016d3cca427", "vendor": false, "userId": "auth0|6512f0c1",
             "level": 10,
             "roles": [{"id": "00000000-0000-4000-8000-000000000010", "key": "Member", "name": "Member",
              "description": "Reads the tenant; full control of one's own personal tokens", "level": 10}],
             "permissions": ["audit.read", "roles.read", "settings.read", "tokens.personal.delete",
              "tokens.personal.read", "tokens.personal.write", "tokens.tenant.read", "users.read"],
             "grantableRoles": [{"id": "6fa459ea-ee8a-4ca4-894e-db77e160355e", "key": "reader", "name": "Reader",
              "description": "Reads audit events", "level": 20}]}""";

    /** A role as a page shows it. */
    @Schema(name = "RoleSummary", description = "A role by id, key, display name, description and level")
    public record RoleSummary(UUID id, @Schema(examples = "Member") String key, @Schema(examples = "Member") String name,
            String description, @Schema(examples = "10") int level) {

        public static RoleSummary from(Role role) {
            return new RoleSummary(role.id, role.key, role.name, role.description, role.level);
        }
    }
}
