package org.gridguard.hub.security;

import org.gridguard.hub.audit.AuditEntry;
import org.gridguard.hub.audit.AuditLog;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/**
 * Changing one's own password — the one path for the REST API ({@code POST /api/v1/auth/password})
 * and the console's password page: the current password must match, the new one must pass
 * {@link PasswordPolicy} and differ; afterwards every bearer token of the user is revoked and the
 * must-change flag cleared. Every attempt is audited.
 */
@Service
public class PasswordChanges {
  private final UserRepository users;
  private final PasswordEncoder encoder;
  private final TokenService tokens;
  private final AuditLog audit;

  PasswordChanges(UserRepository users, PasswordEncoder encoder, TokenService tokens,
      AuditLog audit) {
    this.users = users;
    this.encoder = encoder;
    this.tokens = tokens;
    this.audit = audit;
  }

  /**
   * @param address the caller's address for the audit log, or null
   * @return how many bearer tokens were revoked
   * @throws ResponseStatusException 400 naming the field that is wrong, 401 if the user is gone
   */
  @Transactional(noRollbackFor = ResponseStatusException.class)
  public int change(HubPrincipal caller, String currentPassword, String newPassword,
      String address) {
    UserAccount user = users.findById(caller.userId())
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.UNAUTHORIZED, "no such user"));
    if (currentPassword == null || !encoder.matches(currentPassword, user.passwordHash())) {
      audit.record(AuditEntry.failure(user.username(), address, "user.password-change", "user",
          user.username(), "current password wrong"));
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
          "currentPassword: is not your current password");
    }
    if (newPassword == null) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "newPassword: required");
    }
    PasswordPolicy.problem(user.username(), newPassword).ifPresent(p -> {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "newPassword: " + p);
    });
    if (newPassword.equals(currentPassword)) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
          "newPassword: must differ from the current password");
    }
    users.setPassword(user.id(), encoder.encode(newPassword), false);
    int revoked = tokens.revokeAll(user.id());
    audit.record(new AuditEntry(user.username(), address, "user.password-change", "user",
        user.username(), AuditEntry.SUCCESS, null, null, revoked + " token(s) revoked"));
    return revoked;
  }
}
