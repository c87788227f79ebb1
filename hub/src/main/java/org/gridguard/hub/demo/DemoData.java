package org.gridguard.hub.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gridguard.hub.audit.AuditEntry;
import org.gridguard.hub.audit.AuditLog;
import org.gridguard.hub.security.GridScope;
import org.gridguard.hub.security.PasswordPolicy;
import org.gridguard.hub.security.Role;
import org.gridguard.hub.security.UserAccount;
import org.gridguard.hub.security.UserRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The local demo ({@code gridguard.demo.enabled}): a small county around the simulated village
 * ({@link DemoGrids}) and one user per role, each with a freshly generated password on every
 * start, written to {@code logins-file}. Passwords need no change at first sign-in, unlike real
 * users, so the demo can be tried at once.
 */
@Component
@Order(10)
class DemoData implements ApplicationRunner {
  private static final Logger log = LoggerFactory.getLogger(DemoData.class);

  /** Demo user per role, and the grid node its scope is (null = the whole deployment). */
  static final Map<Role, String> SCOPES = Map.of(
      Role.ADMIN, "",
      Role.DISPATCHER, DemoGrids.COUNTY,
      Role.TECHNICIAN, DemoGrids.TOWN,
      Role.PATROL, DemoGrids.VILLAGE,
      Role.GRID_MEMBER, DemoGrids.GRID,
      Role.VIEWER, DemoGrids.COUNTY);

  private final DemoProperties config;
  private final DemoGrids grids;
  private final UserRepository users;
  private final PasswordEncoder encoder;
  private final AuditLog audit;
  private final TransactionTemplate tx;

  DemoData(DemoProperties config, DemoGrids grids, UserRepository users, PasswordEncoder encoder,
      AuditLog audit, TransactionTemplate tx) {
    this.config = config;
    this.grids = grids;
    this.users = users;
    this.encoder = encoder;
    this.audit = audit;
    this.tx = tx;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (!config.enabled()) {
      return;
    }
    grids.load();
    List<String> lines = new ArrayList<>();
    tx.executeWithoutResult(s -> {
      for (Role role : Role.values()) {
        String username = "demo-" + role.name().toLowerCase().replace('_', '-');
        String password = PasswordPolicy.generate();
        String node = SCOPES.get(role);
        GridScope scope = node.isEmpty() ? GridScope.all() : GridScope.of(Set.of(node));
        String hash = encoder.encode(password);
        UserAccount existing = users.findByUsername(username).orElse(null);
        if (existing == null) {
          users.insert(username, "Demo " + role.name(), hash, false, scope, Set.of(role));
        } else {
          users.setPassword(existing.id(), hash, false);
          users.setEnabled(existing.id(), true);
          users.setRoles(existing.id(), Set.of(role));
          users.setScope(existing.id(), scope);
        }
        audit.record(AuditEntry.success("system", null, "user.demo-login", "user", username));
        lines.add(role.name() + " " + username + " " + password);
      }
    });
    write(config.loginsFile().toAbsolutePath(), lines);
    log.info("Demo data ready: {} grid nodes, one user per role; logins in {}", grids.count(),
        config.loginsFile().toAbsolutePath());
  }

  private static void write(Path file, List<String> lines) {
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      Files.deleteIfExists(file);
      Files.createFile(file, PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rw-------")));
      Files.write(file, lines);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the demo logins to " + file, e);
    }
  }
}
