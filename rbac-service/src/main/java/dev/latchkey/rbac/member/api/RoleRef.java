package dev.latchkey.rbac.member.api;

import dev.latchkey.rbac.role.Role;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A role, by id, key and level")
public record RoleRef(UUID id, @Schema(examples = "Member") String key, @Schema(examples = "10") int level) {

    public static RoleRef from(Role role) {
        return new RoleRef(role.id, role.key, role.level);
    }
}
