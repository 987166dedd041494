package dev.modelmanager.testkit.security;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Makes a service under test verify internal tokens as in production: tokens required, the public
 * key of {@link InternalTokens}. Tests then call with {@code Authorization: }{@link
 * InternalTokens#bearer}.
 */
public class InternalTokensResource implements QuarkusTestResourceLifecycleManager {
  @Override
  public Map<String, String> start() {
    return Map.of(
        "mm.internal-token.required", "true",
        // the services' application.properties turn tokens off with %test.; this wins over it
        "%test.mm.internal-token.required", "true",
        "mm.internal-token.public-key", InternalTokens.publicKey().toString());
  }

  @Override
  public void stop() {}
}
