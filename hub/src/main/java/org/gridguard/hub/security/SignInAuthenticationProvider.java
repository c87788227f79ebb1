package org.gridguard.hub.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/** The console's form login, through {@link SignInService} like the token endpoint. */
final class SignInAuthenticationProvider implements AuthenticationProvider {
  private final SignInService signIn;

  SignInAuthenticationProvider(SignInService signIn) {
    this.signIn = signIn;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String address = authentication.getDetails() instanceof WebAuthenticationDetails d
        ? d.getRemoteAddress() : null;
    UserAccount user = signIn.signIn(authentication.getName(),
        authentication.getCredentials() == null ? null : authentication.getCredentials().toString(),
        address);
    HubPrincipal principal = user.principal();
    return UsernamePasswordAuthenticationToken.authenticated(principal, null,
        Authorities.of(principal));
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
