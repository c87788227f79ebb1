package org.gridguard.hub.security;

import jakarta.servlet.http.HttpServletRequest;
import org.gridguard.hub.web.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A REST sign-in refused for too many failures: 429 with {@code Retry-After} and the usual
 * problem detail. Ordered just before web's catch-all handler, which would otherwise answer it
 * as any other {@code AuthenticationException} (401); it lives here because web depends on
 * nothing of security.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE - 1)
class TooManyAttemptsAdvice {

  @ExceptionHandler(TooManyAttemptsException.class)
  ResponseEntity<ProblemDetail> limited(TooManyAttemptsException e, HttpServletRequest request) {
    long seconds = Math.max(1, e.retryAfter().toSeconds());
    return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
        .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
        .body(Problems.of(HttpStatus.TOO_MANY_REQUESTS, e.getMessage(), request.getRequestURI()));
  }
}
