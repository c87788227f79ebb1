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
 * look at who they are, or sign out; everything else answers 403 saying so (REST) or sends the
 * browser to the console's password page.
 */
final class PasswordChangeFilter extends OncePerRequestFilter {
  /** The console's password page, where console users are sent. */
  static final String CONSOLE_PAGE = "/console/password";
  private static final Set<String> ALLOWED = Set.of("/api/v1/auth/password", "/api/v1/auth/me",
      "/api/v1/auth/revoke", "/logout", "/login", "/error", CONSOLE_PAGE,
      "/manifest.webmanifest");

  private final ObjectMapper json;

  PasswordChangeFilter(ObjectMapper json) {
    this.json = json;
  }

  private static boolean allowed(String uri) {
    return ALLOWED.contains(uri) || uri.startsWith("/assets/") || uri.startsWith("/webjars/");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws ServletException, IOException {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (auth != null && auth.getPrincipal() instanceof HubPrincipal p && p.passwordChangeRequired()
        && !allowed(request.getRequestURI())) {
      if (!request.getRequestURI().startsWith("/api/")
          && !request.getRequestURI().startsWith("/actuator/")) {
        response.sendRedirect(request.getContextPath() + CONSOLE_PAGE); // a browser: the page
        return;
      }
      Problems.write(response, json, Problems.of(HttpStatus.FORBIDDEN,
          "change your password first: POST /api/v1/auth/password "
              + "{\"currentPassword\",\"newPassword\"}", request.getRequestURI()));
      return;
    }
    chain.doFilter(request, response);
  }
}
