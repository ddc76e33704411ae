package dev.latchkey.rbac.member.api;

import dev.latchkey.rbac.role.Role;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A role, by id, key and level", examples = RoleRef.EXAMPLE)
public record RoleRef(UUID id, @Schema(examples = "Member") String key, @Schema(examples = "10") int level) {

    /** The contract's example; OpenApiContractTest reads it back into this record and validates it. */
    public static final String EXAMPLE = """
            {"id": "6fa459ea-ee8a-4ca4-894e-db77e160355e", "key": "deployer", "level": 20}""";

    public static RoleRef from(Role role) {
        return new RoleRef(role.id, role.key, role.level);
    }
}
