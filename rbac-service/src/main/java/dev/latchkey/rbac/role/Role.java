package dev.latchkey.rbac.role;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A named set of permission patterns with a level (0 is the strongest). Global when {@link #tenantId} is null. */
@Entity
@Table(name = "role")
public class Role {

    @Id
    public UUID id;

    @Column(name = "tenant_id")
    public UUID tenantId;

    @Column(name = "role_key", nullable = false, length = 100)
    public String key;

    @Column(nullable = false, length = 200)
    public String name;

    @Column(nullable = false, length = 500)
    public String description;

    @Column(nullable = false)
    public int level;

    /** Permission keys and wildcards ({@code tokens.*}, {@code *}) as granted. */
    @Column(nullable = false, columnDefinition = "text[]")
    public String[] permissions;

    @Column(name = "built_in", nullable = false)
    public boolean builtIn;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public List<String> permissionList() {
        return List.of(permissions);
    }

    public boolean isGlobal() {
        return tenantId == null;
    }
}
