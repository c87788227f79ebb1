package org.gridguard.hub.security;

import java.util.Set;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Creates users straight in the database and signs them in, for tests of the REST API. */
public final class TestUsers {
  public static final String PASSWORD = "correct-horse-battery";

  private final UserRepository users;
  private final TokenService tokens;
  private final String hash;

  public TestUsers(UserRepository users, TokenService tokens, PasswordEncoder encoder) {
    this.users = users;
    this.tokens = tokens;
    this.hash = encoder.encode(PASSWORD);
  }

  /** A user with {@link #PASSWORD}, no password change pending; returns it. */
  public UserAccount create(String username, GridScope scope, Role... roles) {
    return users.findByUsername(username).orElseGet(() -> {
      users.insert(username, username, hash, false, scope, Set.of(roles));
      return users.findByUsername(username).orElseThrow();
    });
  }

  /** A fresh bearer token of the user, as the header value {@code Bearer <token>}. */
  public String bearer(String username) {
    return "Bearer " + tokens.issue(users.findByUsername(username).orElseThrow(), "127.0.0.1")
        .token();
  }
}
