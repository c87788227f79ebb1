package org.gridguard.hub.web;

import java.util.Objects;
import org.springframework.util.AntPathMatcher;
import org.springframework.util.unit.DataSize;

/**
 * A request-body limit for one route, in place of {@code gridguard.security.max-request-body}.
 * A feature whose endpoint takes larger bodies (patrol photos) declares it as a bean;
 * {@link RequestBodyLimitFilter} applies the first that matches, before anything is read, and
 * its 413 names {@code what} and {@code key} so the caller knows what to shrink or raise.
 *
 * @param method HTTP method, or null for any
 * @param pattern Ant-style path pattern ({@code *} one segment, {@code **} any number)
 * @param max the largest body accepted on the route (a multipart body: the part plus its
 *     framing)
 * @param what the body in words ("a patrol photo")
 * @param key the configuration key that sets the limit
 */
public record BodyLimit(String method, String pattern, DataSize max, String what, String key) {
  private static final AntPathMatcher PATHS = new AntPathMatcher();

  public BodyLimit {
    Objects.requireNonNull(pattern, "pattern");
    Objects.requireNonNull(max, "max");
    Objects.requireNonNull(what, "what");
    Objects.requireNonNull(key, "key");
    if (max.toBytes() < 1) {
      throw new IllegalArgumentException(key + ": a body limit must be at least 1 byte, was "
          + max);
    }
  }

  boolean matches(String requestMethod, String path) {
    return (method == null || method.equalsIgnoreCase(requestMethod))
        && PATHS.match(pattern, path);
  }
}
