package org.gridguard.hub.security;

import java.time.Duration;
import org.springframework.security.core.AuthenticationException;

/** Sign-in refused without checking the password: too many recent failures (429, Retry-After). */
public class TooManyAttemptsException extends AuthenticationException {
  private final Duration retryAfter;

  public TooManyAttemptsException(Duration retryAfter) {
    super("too many failed sign-ins; try again in " + Math.max(1, retryAfter.toSeconds()) + " s");
    this.retryAfter = retryAfter;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
