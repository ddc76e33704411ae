package dev.latchkey.rbac.member.api;

import dev.latchkey.rbac.member.Membership;
import dev.latchkey.rbac.role.Role;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Membership", description = "A user in a tenant, with its roles there")
public record MemberResponse(
        @Schema(description = "The user's subject id at the vendor's identity provider", examples = "auth0|6512f0c1")
        String userId,
        @Schema(description = "Its roles in the tenant, strongest first") List<RoleRef> roles,
        String createdBy,
        Instant createdAt) {

    public static MemberResponse from(Membership m, List<Role> roles) {
        return new MemberResponse(m.userId, roles.stream().map(RoleRef::from).toList(), m.createdBy, m.createdAt);
    }
}
