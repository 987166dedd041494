package dev.modelmanager.kit.security;

import dev.modelmanager.kit.web.KitTestProfile;
import dev.modelmanager.testkit.security.InternalTokensResource;
import dev.modelmanager.testkit.store.SqliteFileResource;
import java.util.List;

/** The kit as a service in production: internal tokens required, the test key pair's public key. */
public class TokensRequiredProfile extends KitTestProfile {
  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(
        new TestResourceEntry(SqliteFileResource.class),
        new TestResourceEntry(InternalTokensResource.class));
  }
}
