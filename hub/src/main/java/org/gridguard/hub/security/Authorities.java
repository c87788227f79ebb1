package org.gridguard.hub.security;

import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** The Spring Security authorities of a principal: {@code ROLE_<role>} for each role. */
final class Authorities {
  /** Held by a caller who must change their password before anything else. */
  static final String PASSWORD_CHANGE_REQUIRED = "PASSWORD_CHANGE_REQUIRED";

  private Authorities() {}

  static List<GrantedAuthority> of(HubPrincipal principal) {
    if (principal.passwordChangeRequired()) {
      return List.of(new SimpleGrantedAuthority(PASSWORD_CHANGE_REQUIRED));
    }
    return principal.roles().stream()
        .map(r -> (GrantedAuthority) new SimpleGrantedAuthority(r.authority())).toList();
  }
}
