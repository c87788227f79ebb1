package org.gridguard.hub.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a console session whose user has been disabled (or deleted) since signing in: on every
 * request that is authenticated from its HTTP session, the user's {@code enabled} flag is read
 * from the database (one primary-key lookup, as the bearer filter does for tokens); if it is off
 * the session is invalidated and the request goes on unauthenticated, so the login entry point
 * sends the browser to {@code /login}. The sessions are the servlet container's own, kept per hub
 * instance; reading the flag on each request — rather than expiring sessions through Spring's
 * in-memory {@code SessionRegistry} — also ends a session held by another instance than the one
 * the administrator disabled the user on. Counted in
 * {@code gridguard_security_sessions_ended_total}.
 */
final class SessionAccountCheck extends OncePerRequestFilter {
  private final UserRepository users;
  private final Counter ended;

  SessionAccountCheck(UserRepository users, MeterRegistry meters) {
    this.users = users;
    this.ended = Counter.builder("gridguard.security.sessions.ended")
        .description("console sessions ended because their user was disabled")
        .register(meters);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws ServletException, IOException {
    HttpSession session = request.getSession(false);
    if (session != null) {
      Authentication auth = SecurityContextHolder.getContext().getAuthentication();
      if (auth != null && auth.getPrincipal() instanceof HubPrincipal p
          && !users.isEnabled(p.userId())) {
        session.invalidate();
        SecurityContextHolder.clearContext();
        ended.increment();
      }
    }
    chain.doFilter(request, response);
  }
}
