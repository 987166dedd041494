/**
 * A fake Hugging Face Hub for tests and local runs, speaking the real Hub API.
 *
 * <p>Start one with {@code new FakeHub().start()}, serve repositories built with {@link
 * dev.modelmanager.testkit.hub.HubRepo#builder(String)} (files from bytes or paths, generated
 * safetensors weights from a {@code config.json}, branches, tags and commit history, gating,
 * private tokens, renames) and point the client at {@link
 * dev.modelmanager.testkit.hub.FakeHub#url()} as its {@code HF_ENDPOINT}. Endpoints: {@code GET
 * /api/models} (search, filter, sort, expand, Link paging), {@code GET
 * /api/models/{id}[/revision/{rev}]}, {@code GET /api/models/{id}/tree/{rev}[/path]}, {@code POST
 * /api/models/{id}/paths-info/{rev}}, {@code GET /api/models/{id}/refs} (branches and tags), {@code
 * GET /api/models/{id}/commits/{rev}} (history, {@code limit}, Link paging, {@code X-Total-Count}),
 * {@code GET|HEAD /{id}/resolve/{rev}/{path}} (LFS files redirect to {@code /cdn/...}) and {@code
 * /{id}/raw/...}. Faults ({@link dev.modelmanager.testkit.hub.FaultInjector}) and the request log
 * ({@link dev.modelmanager.testkit.hub.RequestLog}) are also reachable over HTTP under {@code
 * /_fake/}.
 */
package dev.modelmanager.testkit.hub;
