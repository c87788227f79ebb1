package org.gridguard.hub.security;

import java.util.Set;
import org.gridguard.hub.grid.GridImporter;
import org.gridguard.hub.value.GridCode;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Creates users straight in the database and signs them in, for tests of the REST API. */
public final class TestUsers {
  public static final String PASSWORD = "correct-horse-battery";

  private final UserRepository users;
  private final TokenService tokens;
  private final GridImporter grids;
  private final String hash;

  public TestUsers(UserRepository users, TokenService tokens, PasswordEncoder encoder,
      GridImporter grids) {
    this.users = users;
    this.tokens = tokens;
    this.grids = grids;
    this.hash = encoder.encode(PASSWORD);
  }

  /** Makes sure grid nodes {@code codes} and all their ancestors exist (named after their code). */
  public void gridsExist(String... codes) {
    StringBuilder csv = new StringBuilder("code,name\n");
    java.util.Set<String> all = new java.util.TreeSet<>();
    for (String code : codes) {
      for (GridCode.Level level : GridCode.Level.values()) {
        if (level.codeLength() <= code.length()) {
          all.add(code.substring(0, level.codeLength()));
        }
      }
    }
    all.forEach(c -> csv.append(c).append(",node ").append(c).append('\n'));
    var report = grids.importCsv(new java.io.StringReader(csv.toString()), false, GridScope.all(),
        "test");
    if (!report.stored()) {
      throw new IllegalStateException("test grids not imported: " + report.problems());
    }
  }

  /** A user with {@link #PASSWORD}, no password change pending; returns it. */
  public UserAccount create(String username, GridScope scope, Role... roles) {
    gridsExist(scope.nodes().toArray(String[]::new));
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
