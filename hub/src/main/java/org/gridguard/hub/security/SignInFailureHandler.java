package org.gridguard.hub.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;

/** Form login failures: back to the login page, with 429 and Retry-After while blocked. */
final class SignInFailureHandler extends SimpleUrlAuthenticationFailureHandler {
  SignInFailureHandler() {
    super("/login?error");
  }

  @Override
  public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
      AuthenticationException exception) throws IOException, jakarta.servlet.ServletException {
    if (exception instanceof TooManyAttemptsException limited) {
      response.setHeader("Retry-After", Long.toString(Math.max(1, limited.retryAfter().toSeconds())));
      response.sendError(429, exception.getMessage());
      return;
    }
    super.onAuthenticationFailure(request, response, exception);
  }
}
