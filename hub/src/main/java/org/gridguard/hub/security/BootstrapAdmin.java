package org.gridguard.hub.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.gridguard.hub.audit.AuditEntry;
import org.gridguard.hub.audit.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The first administrator. The hub never ships a default password: on a start with an empty
 * user table it creates {@code admin} (global scope, role ADMIN) with
 * {@code gridguard.security.bootstrap-admin-password}, or with a generated password written once
 * to {@code bootstrap-password-file} (mode 0600; its path is logged, the password never is).
 * The admin must change it at first sign-in. Two instances starting at once create one admin:
 * the username's unique constraint decides.
 */
@Component
@Order(0)
class BootstrapAdmin implements ApplicationRunner {
  static final String USERNAME = "admin";
  private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);

  private final UserRepository users;
  private final PasswordEncoder encoder;
  private final SecurityProperties config;
  private final AuditLog audit;
  private final TransactionTemplate tx;

  BootstrapAdmin(UserRepository users, PasswordEncoder encoder, SecurityProperties config,
      AuditLog audit, TransactionTemplate tx) {
    this.users = users;
    this.encoder = encoder;
    this.config = config;
    this.audit = audit;
    this.tx = tx;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (users.count() > 0) {
      return;
    }
    String given = config.bootstrapAdminPassword();
    String password = given.isEmpty() ? PasswordPolicy.generate() : given;
    if (!given.isEmpty()) {
      PasswordPolicy.problem(USERNAME, given).ifPresent(p -> {
        throw new IllegalStateException("gridguard.security.bootstrap-admin-password " + p);
      });
    }
    Path file = config.bootstrapPasswordFile().toAbsolutePath();
    if (given.isEmpty()) {
      write(file, password); // first, so an admin never exists whose password nobody has
    }
    try {
      tx.executeWithoutResult(s -> {
        users.insert(USERNAME, "Administrator", encoder.encode(password), true, GridScope.all(),
            Set.of(Role.ADMIN));
        audit.record(AuditEntry.success("system", null, "user.bootstrap-admin", "user", USERNAME));
      });
    } catch (DuplicateKeyException e) {
      log.info("The first administrator was created by another hub instance");
      return;
    }
    if (given.isEmpty()) {
      log.warn("Created the first administrator '{}'; its generated password is in {} "
          + "(readable only by this user). Sign in and change it, then delete the file.",
          USERNAME, file);
    } else {
      log.warn("Created the first administrator '{}' with gridguard.security.bootstrap-admin-password;"
          + " it must be changed at first sign-in.", USERNAME);
    }
  }

  private static void write(Path file, String password) {
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      Files.deleteIfExists(file);
      try {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException e) {
        Files.createFile(file);
      }
      Files.writeString(file, password + System.lineSeparator(), StandardOpenOption.TRUNCATE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the bootstrap admin password to " + file, e);
    }
  }
}
