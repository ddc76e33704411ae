package dev.latchkey.rbac.member.api;

import dev.latchkey.rbac.member.Membership;
import dev.latchkey.rbac.role.Role;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Membership", description = "A user in a tenant, with its roles there",
        examples = MemberResponse.EXAMPLE)
public record MemberResponse(
        @Schema(description = "The user's subject id at the vendor's identity provider", examples = "auth0|6512f0c1")
        String userId,
        @Schema(description = "Its roles in the tenant, strongest first") List<RoleRef> roles,
        String createdBy,
        Instant createdAt) {

    /** The contract's example; OpenApiContractTest reads it back into this record and validates it. */
    public static final String EXAMPLE = "{\"userId\": \"auth0|6512f0c1\", \"roles\": [" + RoleRef.EXAMPLE
            + "], \"createdBy\": \"lk_ci_3hQ9xw0kPZ7u1RmT5yVbNc\", \"createdAt\": \"2026-11-28T18:00:00Z\"}";

    public static MemberResponse from(Membership m, List<Role> roles) {
        return new MemberResponse(m.userId, roles.stream().map(RoleRef::from).toList(), m.createdBy, m.createdAt);
    }
}
