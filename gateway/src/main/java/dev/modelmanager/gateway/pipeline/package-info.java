/**
 * The gateway's request pipeline: the one place where cross-cutting checks run for every request,
 * whether it is proxied to a service or served by the gateway itself.
 *
 * <p>How a request flows:
 *
 * <ol>
 *   <li>{@link dev.modelmanager.gateway.proxy.GatewayRouter} takes the request in: a request for a
 *       service that carries no cookie and no {@code Origin} (API clients) from a filter ahead of
 *       Quarkus's CORS and security handlers, which it does not need; any other (the browser
 *       session's, a cross-origin one, the gateway's own endpoints) from a route ahead of RESTEasy,
 *       after those handlers. It pauses the request body, wraps the request in a {@link
 *       dev.modelmanager.gateway.pipeline.GatewayRequest} (method, path, headers, the target
 *       service or the gateway itself, attributes) and hands it to the {@link
 *       dev.modelmanager.gateway.pipeline.FilterChain}.
 *   <li>The chain runs every {@link dev.modelmanager.gateway.pipeline.GatewayFilter} bean in
 *       ascending {@link dev.modelmanager.gateway.pipeline.GatewayFilter#order()}, one after the
 *       other. Each answers a {@link dev.modelmanager.gateway.pipeline.FilterResult}: {@code
 *       proceed()} lets the next filter run, {@code reject(problem)} ends the request with that
 *       problem (the remaining filters and the target never see it). A filter that never waits is
 *       an {@link dev.modelmanager.gateway.pipeline.ImmediateFilter}, and one that mostly does not
 *       answers {@link dev.modelmanager.gateway.pipeline.GatewayFilter#decideNow} when it can: the
 *       chain then runs as plain calls, and becomes asynchronous only at a filter that must wait.
 *   <li>When every filter proceeded, the router forwards the request with the headers as the
 *       filters left them: to the service's reverse proxy, or on to the gateway's own JAX-RS
 *       endpoints. Unknown {@code /api/v1} paths answer a 404 problem.
 * </ol>
 *
 * <p>Filters present today: {@link dev.modelmanager.gateway.pipeline.RequestIdFilter} (order
 * {@value dev.modelmanager.gateway.pipeline.RequestIdFilter#ORDER}), {@link
 * dev.modelmanager.gateway.audit.AuditFilter} (order {@value
 * dev.modelmanager.gateway.audit.AuditFilter#ORDER}: it only registers a response listener, early,
 * so that requests rejected by the authentication or authorization band are audited too), {@link
 * dev.modelmanager.gateway.security.AuthenticationFilter}, {@link
 * dev.modelmanager.gateway.security.InternalTokenFilter} and {@link
 * dev.modelmanager.gateway.security.AuthorizationFilter}. A new one is a {@code @Singleton} bean
 * (every request calls it; an {@code @ApplicationScoped} bean's client proxy would look it up on
 * each call) implementing {@code GatewayFilter} with an order from the bands below; nothing else
 * changes:
 *
 * <ul>
 *   <li>{@code 0–99}: request identity and tracing (request id);
 *   <li>{@code 100–199}: authentication (resolve the caller, put it in an attribute, e.g. {@code
 *       identity}; replace the inbound {@code Authorization} header with the internal token);
 *   <li>{@code 200–299}: authorization (RBAC on method + path + identity; reject with 403);
 *   <li>{@code 300–399}: audit band (the audit trail itself observes from order 1, see above); the
 *       authorization filter puts the matched route template into the {@code routeTemplate}
 *       attribute, which the audit records as the action.
 * </ul>
 *
 * <p>Filters run on the request's Vert.x event-loop context and must not block; blocking work goes
 * through {@code vertx.executeBlocking} and comes back to that context.
 */
package dev.modelmanager.gateway.pipeline;
