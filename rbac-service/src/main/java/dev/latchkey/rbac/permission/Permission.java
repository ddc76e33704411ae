package dev.latchkey.rbac.permission;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A permission key that roles and tokens may grant. */
@Entity
@Table(name = "permission")
public class Permission {

    @Id
    @Column(name = "permission_key", length = 200)
    public String key;

    @Column(nullable = false, length = 500)
    public String description;

    @Column(name = "built_in", nullable = false)
    public boolean builtIn;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
