package dev.latchkey.rbac.tenant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One customer account of the vendor. */
@Entity
@Table(name = "tenant")
public class Tenant {

    @Id
    public UUID id;

    @Column(nullable = false, length = 200)
    public String name;

    /** The vendor's own key for it (unique when set): what a vendor identity provider's token may name it by. */
    @Column(name = "external_id", length = 200)
    public String externalId;

    /** The subject of the caller who created it. */
    @Column(name = "created_by", nullable = false, length = 200)
    public String createdBy;

    /** A small JSON object of the vendor's own (plan, region, CRM id). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, Object> metadata;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
