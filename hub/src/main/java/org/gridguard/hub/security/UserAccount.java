package org.gridguard.hub.security;

import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/** A user row with its roles and scope. The password is only ever held as its hash. */
public record UserAccount(long id, String username, String displayName, String passwordHash,
    boolean enabled, boolean passwordChangeRequired, GridScope scope, Set<Role> roles) {
  /** Usernames: letters, digits and {@code ._-@}, 2–64 characters, starting with a letter or digit. */
  public static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{1,63}");

  public UserAccount {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(passwordHash, "passwordHash");
    Objects.requireNonNull(scope, "scope");
    roles = Set.copyOf(roles);
  }

  public HubPrincipal principal() {
    return new HubPrincipal(id, username, roles, scope, passwordChangeRequired);
  }
}
