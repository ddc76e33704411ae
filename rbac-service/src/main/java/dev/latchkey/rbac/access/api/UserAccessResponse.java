package dev.latchkey.rbac.access.api;

import dev.latchkey.rbac.member.api.RoleRef;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "UserAccess", description = "A user's current access in a tenant")
public record UserAccessResponse(
        UUID tenantId,
        String userId,
        @Schema(description = "Whether the user belongs to the tenant now") boolean member,
        @Schema(description = "Strongest (smallest) level of its roles; absent when it holds none", examples = "10") Integer level,
        List<RoleRef> roles,
        @Schema(description = "Registered permission keys its roles grant, wildcards expanded") List<String> permissions) {
}
