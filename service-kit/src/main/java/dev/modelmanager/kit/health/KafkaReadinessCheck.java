package dev.modelmanager.kit.health;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the Kafka cluster answers a metadata request within two seconds. */
@Readiness
@ApplicationScoped
public class KafkaReadinessCheck implements AsyncHealthCheck {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  private final String bootstrapServers;
  private Admin admin;

  KafkaReadinessCheck(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  @Override
  public Uni<HealthCheckResponse> call() {
    return Uni.createFrom()
        .completionStage(
            () ->
                admin()
                    .describeCluster(
                        new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()))
                    .clusterId()
                    .toCompletionStage())
        .map(
            id ->
                HealthCheckResponse.named("kafka")
                    .up()
                    .withData("bootstrapServers", bootstrapServers)
                    .withData("clusterId", id)
                    .build())
        .onFailure()
        .recoverWithItem(
            e ->
                HealthCheckResponse.named("kafka")
                    .down()
                    .withData("bootstrapServers", bootstrapServers)
                    .withData("error", e.getClass().getSimpleName())
                    .build());
  }

  private synchronized Admin admin() {
    if (admin == null) {
      admin =
          Admin.create(
              Map.of(
                  AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                  bootstrapServers,
                  AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                  (int) TIMEOUT.toMillis(),
                  AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                  (int) TIMEOUT.toMillis(),
                  AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG,
                  1000));
    }
    return admin;
  }

  @PreDestroy
  synchronized void close() {
    if (admin != null) {
      admin.close(Duration.ofSeconds(1));
    }
  }
}
