package org.gridguard.hub.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.gridguard.hub.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A user whose password must be changed (the bootstrap admin, after a reset) may only change it,
 * look at who they are, or sign out; everything else answers 403 saying so.
 */
final class PasswordChangeFilter extends OncePerRequestFilter {
  private static final Set<String> ALLOWED = Set.of("/api/v1/auth/password", "/api/v1/auth/me",
      "/api/v1/auth/revoke", "/logout", "/login", "/error");

  private final ObjectMapper json;

  PasswordChangeFilter(ObjectMapper json) {
    this.json = json;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws ServletException, IOException {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (auth != null && auth.getPrincipal() instanceof HubPrincipal p && p.passwordChangeRequired()
        && !ALLOWED.contains(request.getRequestURI())) {
      Problems.write(response, json, Problems.of(HttpStatus.FORBIDDEN,
          "change your password first: POST /api/v1/auth/password "
              + "{\"currentPassword\",\"newPassword\"}", request.getRequestURI()));
      return;
    }
    chain.doFilter(request, response);
  }
}
