package dev.latchkey.rbac.member;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** One role held by one membership. */
@Entity
@Table(name = "role_assignment")
public class RoleAssignment {

    @Id
    public UUID id;

    @Column(name = "membership_id", nullable = false)
    public UUID membershipId;

    @Column(name = "role_id", nullable = false)
    public UUID roleId;
}
