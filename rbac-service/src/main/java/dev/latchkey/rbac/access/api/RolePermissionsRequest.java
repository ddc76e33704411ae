package dev.latchkey.rbac.access.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

public record RolePermissionsRequest(@NotNull @Size(max = 100) List<@NotNull UUID> roleIds) {
}
