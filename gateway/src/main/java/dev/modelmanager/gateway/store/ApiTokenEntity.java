package dev.modelmanager.gateway.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A row of {@code gateway.api_token}. */
@Entity
@Table(name = "api_token")
public class ApiTokenEntity extends PanacheEntityBase {
  @Id public String id;

  @Column(nullable = false)
  public String name;

  @Column(nullable = false)
  public String prefix;

  @Column(nullable = false, unique = true)
  public String hash;

  @Column(name = "owner_subject", nullable = false)
  public String ownerSubject;

  @Column(name = "owner_name")
  public String ownerName;

  @Column(nullable = false)
  public String role;

  /** Space-separated. */
  @Column(nullable = false)
  public String scopes;

  @Column(name = "created_by", nullable = false)
  public String createdBy;

  @Column(name = "created_at", nullable = false)
  public OffsetDateTime createdAt;

  @Column(name = "expires_at")
  public OffsetDateTime expiresAt;

  @Column(name = "last_used_at")
  public OffsetDateTime lastUsedAt;

  @Column(name = "revoked_at")
  public OffsetDateTime revokedAt;
}
