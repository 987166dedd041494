package dev.modelmanager.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebConsoleRoutesTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "/discover",
        "/jobs",
        "/models/Qwen/Qwen2.5-0.5B",
        "/catalog/demo-chat",
        "/apis",
        "/catalog/x.y"
      })
  void consolePagesGetTheIndex(String path) {
    assertThat(WebConsoleRoutes.isConsolePage(path)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/",
        "/api/v1/me",
        "/api",
        "/q/health",
        "/docs",
        "/docs/index.html",
        "/openapi.json",
        "/auth/login",
        "/assets/index-abc.js",
        "/favicon.ico",
        "/assets/x"
      })
  void everythingElseIsLeftAlone(String path) {
    assertThat(WebConsoleRoutes.isConsolePage(path)).isFalse();
  }
}
