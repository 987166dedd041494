package dev.modelmanager.testkit.security;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Makes a service under test verify internal tokens as in production: tokens required, the public
 * key of {@link InternalTokens}. Tests then call with {@code Authorization: }{@link
 * InternalTokens#bearer}.
 *
 * <p>With the init argument {@code required=false} (a {@code @ResourceArg}) a test that only cares
 * about the actor of some calls may leave the token off the others: a token sent is still verified
 * and becomes the actor.
 */
public class InternalTokensResource implements QuarkusTestResourceLifecycleManager {
  private String required = "true";

  @Override
  public void init(Map<String, String> initArgs) {
    required = initArgs.getOrDefault("required", "true");
  }

  @Override
  public Map<String, String> start() {
    return Map.of(
        "mm.internal-token.required",
        required,
        // the services' application.properties turn tokens off with %test.; this wins over it
        "%test.mm.internal-token.required",
        required,
        "mm.internal-token.public-key",
        InternalTokens.publicKey().toString(),
        "mm.internal-token.private-key",
        InternalTokens.privateKey().toString());
  }

  @Override
  public void stop() {}
}
