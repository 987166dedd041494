package dev.modelmanager.discovery.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

@Entity
@Table(name = "search_cache")
public class SearchCacheEntity extends PanacheEntityBase {
  /** sha256 of the Hub URL: URLs can outgrow an index entry. */
  @Id
  @Column(name = "cache_key")
  public String key;

  @Column(nullable = false, columnDefinition = "text")
  public String url;

  @Column(nullable = false, columnDefinition = "text")
  public String body;

  @Column(name = "next_url", columnDefinition = "text")
  public String nextUrl;

  @Column(name = "fetched_at", nullable = false)
  public OffsetDateTime fetchedAt;
}
