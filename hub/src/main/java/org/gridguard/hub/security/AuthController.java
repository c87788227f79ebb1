package org.gridguard.hub.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.gridguard.hub.audit.AuditEntry;
import org.gridguard.hub.audit.AuditLog;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Sign-in for the REST API: a bearer token for a username and password; changing one's own
 * password (required first for the bootstrap admin and after a reset); signing a token out.
 */
@RestController
@RequestMapping("/api/v1/auth")
class AuthController {
  record Credentials(@NotNull @Size(max = 64) String username,
      @NotNull @Size(max = 128) String password) {}

  record Token(String token, Instant expiresAt, Set<Role> roles, boolean passwordChangeRequired) {}

  record PasswordChange(@NotNull @Size(max = 128) String currentPassword,
      @NotNull @Size(max = 128) String newPassword) {}

  record Me(String username, Set<Role> roles, boolean globalScope, List<String> scope,
      boolean passwordChangeRequired) {}

  private final SignInService signIn;
  private final TokenService tokens;
  private final PasswordChanges passwords;
  private final AuditLog audit;

  AuthController(SignInService signIn, TokenService tokens, PasswordChanges passwords,
      AuditLog audit) {
    this.signIn = signIn;
    this.tokens = tokens;
    this.passwords = passwords;
    this.audit = audit;
  }

  /** Anyone may call this; wrong credentials answer 401, too many failures 429 + Retry-After. */
  @PostMapping("/token")
  ResponseEntity<Token> token(@Valid @RequestBody Credentials credentials,
      HttpServletRequest request) {
    String address = ClientAddress.of(request);
    UserAccount user = signIn.signIn(credentials.username(), credentials.password(), address);
    TokenService.Issued issued = tokens.issue(user, address);
    audit.record(AuditEntry.success(user.username(), address, "token.issue", "token",
        Long.toString(issued.tokenId())));
    return ResponseEntity.status(HttpStatus.CREATED).body(new Token(issued.token(),
        issued.expiresAt(), user.roles(), user.passwordChangeRequired()));
  }

  @GetMapping("/me")
  Me me(@AuthenticationPrincipal HubPrincipal caller) {
    return new Me(caller.username(), caller.roles(), caller.scope().global(),
        caller.scope().nodes().stream().sorted().toList(), caller.passwordChangeRequired());
  }

  /** Changes the caller's password; every token of theirs is revoked (sign in again). */
  @PostMapping("/password")
  ResponseEntity<Void> changePassword(@AuthenticationPrincipal HubPrincipal caller,
      @Valid @RequestBody PasswordChange change, HttpServletRequest request) {
    passwords.change(caller, change.currentPassword(), change.newPassword(),
        ClientAddress.of(request));
    return ResponseEntity.noContent().build();
  }

  /** Signs the token this request carries out. */
  @PostMapping("/revoke")
  @Transactional
  ResponseEntity<Void> revoke(@AuthenticationPrincipal HubPrincipal caller,
      HttpServletRequest request) {
    Object tokenId = request.getAttribute(BearerTokenFilter.TOKEN_ID);
    if (!(tokenId instanceof Long id)) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
          "this request carries no bearer token to revoke");
    }
    tokens.revoke(id, caller.userId());
    audit.record(AuditEntry.success(caller.username(), ClientAddress.of(request), "token.revoke",
        "token", id.toString()));
    return ResponseEntity.noContent().build();
  }
}
