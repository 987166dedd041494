package dev.modelmanager.gateway.notify.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.modelmanager.gateway.notify.domain.Channel;
import dev.modelmanager.gateway.notify.domain.ChannelType;
import dev.modelmanager.gateway.notify.domain.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A channel as the API shows it: never its secret. A Slack target is itself a credential (the
 * incoming-webhook URL), so only its host and a masked path are shown.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChannelView(
    String id,
    String name,
    ChannelType type,
    String target,
    List<String> events,
    Severity minSeverity,
    Map<String, String> filters,
    boolean enabled,
    @Schema(description = "Whether the channel signs its messages (webhooks)") boolean signed,
    String createdBy,
    Instant createdAt,
    Instant updatedAt,
    @Schema(
            description =
                "The webhook signing secret (whsec_…): only in the answer to the creation, never"
                    + " again")
        String secret,
    @Schema(description = "Email digest interval (ISO-8601); absent: one mail per event")
        String digest) {

  static ChannelView of(Channel c) {
    return of(c, null);
  }

  static ChannelView of(Channel c, String secret) {
    return new ChannelView(
        c.id(),
        c.name(),
        c.type(),
        c.type() == ChannelType.SLACK ? mask(c.target()) : c.target(),
        c.events(),
        c.minSeverity(),
        c.filters(),
        c.enabled(),
        c.secret() != null,
        c.createdBy(),
        c.createdAt(),
        c.updatedAt(),
        secret,
        c.digest() == null ? null : c.digest().toString());
  }

  static String mask(String url) {
    try {
      java.net.URI u = new java.net.URI(url);
      return u.getScheme() + "://" + u.getRawAuthority() + "/…";
    } catch (java.net.URISyntaxException e) {
      return "…";
    }
  }
}
