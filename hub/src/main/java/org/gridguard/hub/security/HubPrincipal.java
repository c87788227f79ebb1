package org.gridguard.hub.security;

import java.util.Objects;
import java.util.Set;

/**
 * The signed-in user as every controller sees it
 * ({@code @AuthenticationPrincipal HubPrincipal caller}): who, which roles, which grids.
 *
 * @param passwordChangeRequired true until a bootstrap or reset password has been changed; such a
 *     caller may only change their password
 */
public record HubPrincipal(long userId, String username, Set<Role> roles, GridScope scope,
    boolean passwordChangeRequired) {
  public HubPrincipal {
    Objects.requireNonNull(username, "username");
    roles = Set.copyOf(roles);
    Objects.requireNonNull(scope, "scope");
  }

  public boolean has(Role role) {
    return roles.contains(role);
  }
}
