package dev.modelmanager.gateway.security;

/** A credential was presented and refused; the message is safe to show the caller. */
public class AuthenticationFailedException extends RuntimeException {
  public AuthenticationFailedException(String message) {
    super(message, null, false, false);
  }
}
