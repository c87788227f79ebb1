package org.gridguard.hub.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.gridguard.hub.audit.AuditEntry;
import org.gridguard.hub.audit.AuditLog;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * User administration (ADMIN). An admin manages only users whose whole scope lies inside their
 * own, and grants only scope inside their own: a town-level admin works inside its town. Users
 * outside answer 404. New and reset passwords are generated, shown once, and must be changed at
 * the next sign-in.
 */
@RestController
@RequestMapping("/api/v1/users")
@Validated
@PreAuthorize("hasRole('ADMIN')")
class UserController {
  record NewUser(@NotNull String username, @Size(max = 128) String displayName,
      @NotEmpty Set<Role> roles, boolean globalScope, @Size(max = 100) Set<String> scope) {}

  record Roles(@NotEmpty Set<Role> roles) {}

  record Scope(boolean globalScope, @Size(max = 100) Set<String> scope) {}

  record View(String username, String displayName, boolean enabled,
      boolean passwordChangeRequired, Set<Role> roles, boolean globalScope, Set<String> scope) {
    static View of(UserAccount u) {
      return new View(u.username(), u.displayName(), u.enabled(), u.passwordChangeRequired(),
          u.roles(), u.scope().global(), new TreeSet<>(u.scope().nodes()));
    }
  }

  record Created(View user, String temporaryPassword) {}

  private final UserRepository users;
  private final TokenService tokens;
  private final PasswordEncoder encoder;
  private final AuditLog audit;
  private final GridNodes grids;

  UserController(UserRepository users, TokenService tokens, PasswordEncoder encoder,
      AuditLog audit, GridNodes grids) {
    this.grids = grids;
    this.users = users;
    this.tokens = tokens;
    this.encoder = encoder;
    this.audit = audit;
  }

  @GetMapping
  Map<String, Object> list(@AuthenticationPrincipal HubPrincipal caller,
      @RequestParam(defaultValue = "9223372036854775807") @Min(1) long before,
      @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
    List<View> page = users.list(caller.scope(), before, limit).stream().map(View::of).toList();
    return Map.of("items", page);
  }

  @GetMapping("/{username}")
  View get(@AuthenticationPrincipal HubPrincipal caller, @PathVariable String username) {
    return View.of(manageable(caller, username));
  }

  @PostMapping
  @Transactional
  ResponseEntity<Created> create(@AuthenticationPrincipal HubPrincipal caller,
      @Valid @RequestBody NewUser body, HttpServletRequest request) {
    if (!UserAccount.USERNAME.matcher(body.username()).matches()) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "username: must be 2-64 "
          + "characters of letters, digits and ._@-, starting with a letter or digit");
    }
    GridScope scope = grantable(caller, body.globalScope(), body.scope());
    String password = PasswordPolicy.generate();
    try {
      users.insert(body.username(), body.displayName(), encoder.encode(password), true, scope,
          body.roles());
    } catch (DuplicateKeyException e) {
      throw new ResponseStatusException(HttpStatus.CONFLICT,
          "username: '" + body.username() + "' is taken");
    }
    UserAccount created = users.findByUsername(body.username()).orElseThrow();
    audit.record(AuditEntry.success(caller.username(), ClientAddress.of(request), "user.create",
        "user", created.username()).withChange(null, json(View.of(created))));
    return ResponseEntity.status(HttpStatus.CREATED).body(new Created(View.of(created), password));
  }

  @PutMapping("/{username}/roles")
  @Transactional
  View setRoles(@AuthenticationPrincipal HubPrincipal caller, @PathVariable String username,
      @Valid @RequestBody Roles body, HttpServletRequest request) {
    UserAccount before = manageable(caller, username);
    if (before.id() == caller.userId() && !body.roles().contains(Role.ADMIN)) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
          "roles: you cannot take ADMIN from yourself; ask another administrator");
    }
    users.setRoles(before.id(), body.roles());
    return changed(caller, request, "user.roles", before);
  }

  @PutMapping("/{username}/scope")
  @Transactional
  View setScope(@AuthenticationPrincipal HubPrincipal caller, @PathVariable String username,
      @Valid @RequestBody Scope body, HttpServletRequest request) {
    UserAccount before = manageable(caller, username);
    users.setScope(before.id(), grantable(caller, body.globalScope(), body.scope()));
    return changed(caller, request, "user.scope", before);
  }

  @PostMapping("/{username}/disable")
  @Transactional
  View disable(@AuthenticationPrincipal HubPrincipal caller, @PathVariable String username,
      HttpServletRequest request) {
    UserAccount before = manageable(caller, username);
    if (before.id() == caller.userId()) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "you cannot disable yourself");
    }
    users.setEnabled(before.id(), false);
    tokens.revokeAll(before.id());
    return changed(caller, request, "user.disable", before);
  }

  @PostMapping("/{username}/enable")
  @Transactional
  View enable(@AuthenticationPrincipal HubPrincipal caller, @PathVariable String username,
      HttpServletRequest request) {
    UserAccount before = manageable(caller, username);
    users.setEnabled(before.id(), true);
    return changed(caller, request, "user.enable", before);
  }

  /** A new generated password, shown once; the user must change it; their tokens are revoked. */
  @PostMapping("/{username}/password-reset")
  @Transactional
  Map<String, String> resetPassword(@AuthenticationPrincipal HubPrincipal caller,
      @PathVariable String username, HttpServletRequest request) {
    UserAccount user = manageable(caller, username);
    String password = PasswordPolicy.generate();
    users.setPassword(user.id(), encoder.encode(password), true);
    int revoked = tokens.revokeAll(user.id());
    audit.record(new AuditEntry(caller.username(), ClientAddress.of(request), "user.password-reset",
        "user", user.username(), AuditEntry.SUCCESS, null, null, revoked + " token(s) revoked"));
    return Map.of("username", user.username(), "temporaryPassword", password);
  }

  @PostMapping("/{username}/tokens/revoke")
  @Transactional
  Map<String, Object> revokeTokens(@AuthenticationPrincipal HubPrincipal caller,
      @PathVariable String username, HttpServletRequest request) {
    UserAccount user = manageable(caller, username);
    int revoked = tokens.revokeAll(user.id());
    audit.record(new AuditEntry(caller.username(), ClientAddress.of(request), "token.revoke-all",
        "user", user.username(), AuditEntry.SUCCESS, null, null, revoked + " token(s) revoked"));
    return Map.of("username", user.username(), "revoked", revoked);
  }

  private View changed(HubPrincipal caller, HttpServletRequest request, String action,
      UserAccount before) {
    UserAccount after = users.findById(before.id()).orElseThrow();
    audit.record(AuditEntry.success(caller.username(), ClientAddress.of(request), action, "user",
        after.username()).withChange(json(View.of(before)), json(View.of(after))));
    return View.of(after);
  }

  /** The user if the caller may manage them, else 404 as if they did not exist. */
  private UserAccount manageable(HubPrincipal caller, String username) {
    return users.findByUsername(username)
        .filter(u -> caller.scope().coversAll(u.scope()))
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
            "no user '" + shorten(username) + "'"));
  }

  private GridScope grantable(HubPrincipal caller, boolean global, Set<String> nodes) {
    GridScope scope;
    try {
      scope = global ? GridScope.all() : GridScope.of(nodes == null ? Set.of() : nodes);
    } catch (IllegalArgumentException e) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "scope: " + e.getMessage());
    }
    if (!scope.global() && scope.nodes().isEmpty()) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
          "scope: give at least one grid node, or globalScope: true");
    }
    if (!caller.scope().coversAll(scope)) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN,
          "scope: you can only grant grid nodes inside your own scope");
    }
    for (String node : new TreeSet<>(scope.nodes())) {
      if (!grids.exists(node)) {
        throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
            "scope: there is no grid node " + node + "; create or import it first");
      }
    }
    return scope;
  }

  private static String json(View v) {
    return "{\"username\":\"" + v.username() + "\",\"enabled\":" + v.enabled()
        + ",\"roles\":" + quoted(new TreeSet<>(v.roles().stream().map(Enum::name).toList()))
        + ",\"globalScope\":" + v.globalScope() + ",\"scope\":" + quoted(v.scope()) + "}";
  }

  private static String quoted(Set<String> items) {
    return items.stream().map(s -> "\"" + s + "\"").toList().toString().replace(" ", "");
  }

  static String shorten(String s) {
    return s.length() > 64 ? s.substring(0, 64) + "…" : s;
  }
}
