package dev.modelmanager.kit.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an {@code /api/*} endpoint (or resource class) that authenticates its caller itself, such
 * as a webhook checked by its HMAC signature: the gateway forwards it anonymously, so the internal
 * token is verified when present but not required.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface GatewayOptional {}
