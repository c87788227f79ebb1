package org.gridguard.hub.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Optional;
import org.gridguard.hub.audit.AuditEntry;
import org.gridguard.hub.audit.AuditLog;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Checks a username and password for the token endpoint and the console's form login alike.
 * At most {@code sign-in-max-failures} failures per username and per client address within
 * {@code sign-in-window}; beyond that the attempt is refused before the password is checked
 * ({@link TooManyAttemptsException}, 429). Every success and failure is audited; an unknown
 * user costs the same hash as a known one, so timing does not tell which usernames exist.
 */
@Service
public class SignInService {
  private final UserRepository users;
  private final PasswordEncoder encoder;
  private final AuditLog audit;
  private final AttemptLimiter byUser;
  private final AttemptLimiter byAddress;
  private final Counter failures;
  private final Counter limited;
  private final String dummyHash;

  SignInService(UserRepository users, PasswordEncoder encoder, AuditLog audit,
      SecurityProperties config, MeterRegistry meters) {
    this.users = users;
    this.encoder = encoder;
    this.audit = audit;
    this.byUser = new AttemptLimiter(config.signInMaxFailures(), config.signInWindow(),
        config.trackedKeys(), Clock.systemUTC());
    this.byAddress = new AttemptLimiter(config.signInMaxFailures(), config.signInWindow(),
        config.trackedKeys(), Clock.systemUTC());
    this.failures = Counter.builder("gridguard_security_sign_in_failures_total")
        .description("failed sign-ins (wrong password, unknown or disabled user)").register(meters);
    this.limited = Counter.builder("gridguard_security_sign_in_limited_total")
        .description("sign-ins refused because the user or address had too many failures")
        .register(meters);
    Gauge.builder("gridguard_security_sign_in_tracked_keys", () -> byUser.trackedKeys()
        + byAddress.trackedKeys()).description("users and addresses with recent failures")
        .register(meters);
    this.dummyHash = encoder.encode("not-a-password-" + System.nanoTime());
  }

  /**
   * @return the user when the password is right and the account enabled
   * @throws TooManyAttemptsException while the user or the address is blocked
   * @throws BadCredentialsException otherwise (one message for every cause)
   */
  public UserAccount signIn(String username, String password, String address) {
    String userKey = username == null ? "" : username.toLowerCase(java.util.Locale.ROOT);
    String addressKey = address == null ? "?" : address;
    Optional<java.time.Duration> wait = byUser.retryAfter(userKey)
        .or(() -> byAddress.retryAfter(addressKey));
    if (wait.isPresent()) {
      limited.increment();
      audit.record(AuditEntry.failure(safe(username), address, "auth.sign-in", "user",
          safe(username), "refused: too many failed attempts"));
      throw new TooManyAttemptsException(wait.get());
    }
    Optional<UserAccount> user = username == null || password == null
        ? Optional.empty() : users.findByUsername(username);
    boolean matches;
    if (user.isPresent()) {
      matches = encoder.matches(password, user.get().passwordHash());
    } else {
      encoder.matches(password == null ? "" : password, dummyHash); // same cost as a real check
      matches = false;
    }
    if (!matches || !user.get().enabled()) {
      byUser.recordFailure(userKey);
      byAddress.recordFailure(addressKey);
      failures.increment();
      String why = user.isEmpty() ? "unknown user" : !matches ? "wrong password" : "user disabled";
      audit.record(AuditEntry.failure(safe(username), address, "auth.sign-in", "user",
          safe(username), why));
      throw new BadCredentialsException("wrong username or password, or the account is disabled");
    }
    byUser.reset(userKey);
    audit.record(AuditEntry.success(user.get().username(), address, "auth.sign-in", "user",
        user.get().username()));
    if (encoder.upgradeEncoding(user.get().passwordHash())) {
      users.setPassword(user.get().id(), encoder.encode(password),
          user.get().passwordChangeRequired());
    }
    return user.get();
  }

  /** A username as it may appear in the audit log: bounded, never a password by mistake. */
  private static String safe(String username) {
    if (username == null) {
      return "(none)";
    }
    return username.length() > 64 ? username.substring(0, 64) : username;
  }
}
