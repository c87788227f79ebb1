package org.gridguard.hub.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.gridguard.hub.web.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <token>} against {@link TokenService}. A request
 * without the header passes on unauthenticated (the chain's rules then answer 401); one with a
 * bad, expired or revoked token is answered 401 at once, saying so.
 */
final class BearerTokenFilter extends OncePerRequestFilter {
  static final String TOKEN_ID = BearerTokenFilter.class.getName() + ".tokenId";

  private final TokenService tokens;
  private final ObjectMapper json;

  BearerTokenFilter(TokenService tokens, ObjectMapper json) {
    this.tokens = tokens;
    this.json = json;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws ServletException, IOException {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      chain.doFilter(request, response);
      return;
    }
    Optional<TokenService.Authenticated> found = tokens.authenticate(header.substring(7).trim());
    if (found.isEmpty()) {
      response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
      Problems.write(response, json, Problems.of(HttpStatus.UNAUTHORIZED,
          "the bearer token is unknown, expired or revoked; get a new one from "
              + "POST /api/v1/auth/token", request.getRequestURI()));
      return;
    }
    HubPrincipal principal = found.get().principal();
    request.setAttribute(TOKEN_ID, found.get().tokenId());
    var auth = new UsernamePasswordAuthenticationToken(principal, null,
        Authorities.of(principal));
    var context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(auth);
    SecurityContextHolder.setContext(context);
    try {
      chain.doFilter(request, response);
    } finally {
      SecurityContextHolder.clearContext();
    }
  }
}
