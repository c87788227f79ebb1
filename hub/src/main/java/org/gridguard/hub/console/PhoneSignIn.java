package org.gridguard.hub.console;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.gridguard.hub.security.HubPrincipal;
import org.gridguard.hub.security.UserAccount;
import org.gridguard.hub.security.UserRepository;
import org.springframework.security.authentication.RememberMeAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.authentication.rememberme.AbstractRememberMeServices;
import org.springframework.security.web.authentication.rememberme.InvalidCookieException;
import org.springframework.security.web.authentication.rememberme.RememberMeAuthenticationException;

/**
 * "Stay signed in on this phone": a persistent remember-me login (the sign-in form's
 * {@code remember-me} box). The cookie {@code gg_remember} holds a random series and token; the
 * database keeps only the token's SHA-256 ({@link RememberMeTokens}), and every use replaces the
 * token. A cookie with a known series but a wrong token is an old, copied cookie: all of that
 * user's phones are signed out. Revocable: signing out deletes the phone's row, "sign out on all
 * my devices" deletes all of them, and a disabled user or one whose password was reset is refused
 * (and the row deleted) at the next use. Rows unused for {@code gridguard.console.remember-me}
 * expire; a user keeps at most {@link #MAX_PER_USER} phones (the oldest go).
 */
class PhoneSignIn extends AbstractRememberMeServices {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(PhoneSignIn.class);
  static final String COOKIE = "gg_remember";
  static final int MAX_PER_USER = 10;

  private final RememberMeTokens tokens;
  private final UserRepository users;
  private final Duration validity;
  private final Clock clock;
  private final MeterRegistry metrics;
  private final SecureRandom random = new SecureRandom();

  PhoneSignIn(RememberMeTokens tokens, UserRepository users, Duration validity, Clock clock,
      MeterRegistry metrics) {
    // the key only marks Spring's remember-me authentications of this instance; the database row
    // is what makes a cookie valid, so a random key per start is enough
    super(UUID.randomUUID().toString(), username -> {
      throw new UsernameNotFoundException("remember-me loads users itself");
    });
    this.tokens = tokens;
    this.users = users;
    this.validity = validity;
    this.clock = clock;
    this.metrics = metrics;
    setCookieName(COOKIE);
    setParameter("remember-me");
    setTokenValiditySeconds((int) Math.min(Integer.MAX_VALUE, validity.toSeconds()));
  }

  /** The signed-in user, as {@link UserDetails} only to pass through Spring's template method. */
  record PrincipalDetails(HubPrincipal principal) implements UserDetails {
    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
      return principal.roles().stream()
          .map(r -> (GrantedAuthority) new SimpleGrantedAuthority(r.authority())).toList();
    }

    @Override
    public String getPassword() {
      return "";
    }

    @Override
    public String getUsername() {
      return principal.username();
    }
  }

  @Override
  protected void onLoginSuccess(HttpServletRequest request, HttpServletResponse response,
      Authentication auth) {
    if (!(auth.getPrincipal() instanceof HubPrincipal p)) {
      return;
    }
    String series = randomText(24);
    String token = randomText(32);
    Instant now = clock.instant();
    String agent = request.getHeader("User-Agent");
    tokens.insert(series, p.userId(), sha256(token), now,
        agent == null ? null : agent.substring(0, Math.min(200, agent.length())));
    tokens.keepNewest(p.userId(), MAX_PER_USER);
    setCookie(new String[] {series, token}, getTokenValiditySeconds(), request, response);
    count("issued");
  }

  @Override
  protected UserDetails processAutoLoginCookie(String[] cookie, HttpServletRequest request,
      HttpServletResponse response) {
    if (cookie.length != 2) {
      count("malformed");
      throw new InvalidCookieException("remember-me cookie: expected series:token");
    }
    String series = cookie[0];
    String hash = sha256(cookie[1]);
    RememberMeTokens.Row row = tokens.find(series).orElseThrow(() -> {
      count("unknown");
      return new RememberMeAuthenticationException("this phone was signed out; sign in again");
    });
    if (!MessageDigest.isEqual(hash.getBytes(StandardCharsets.US_ASCII),
        row.tokenHash().getBytes(StandardCharsets.US_ASCII))) {
      int gone = tokens.deleteAll(row.userId());
      count("theft");
      log.warn("an old copy of a remember-me cookie of user id {} was used: all {} of the user's "
          + "phone logins are signed out", row.userId(), gone);
      // not Spring's CookieTheftException: that one escapes the filter chain as a 500; this one
      // ends as "not signed in" (cookie cancelled, sent to the sign-in page)
      throw new RememberMeAuthenticationException("an old copy of this phone's login was used; "
          + "all of your phones are signed out — sign in again");
    }
    Instant now = clock.instant();
    if (row.lastUsed().plus(validity).isBefore(now)) {
      tokens.delete(series);
      count("expired");
      throw new RememberMeAuthenticationException("remember-me login expired; sign in again");
    }
    UserAccount user = users.findById(row.userId()).orElse(null);
    if (user == null || !user.enabled() || user.passwordChangeRequired()) {
      tokens.delete(series);
      count("refused");
      throw new RememberMeAuthenticationException("the account is disabled or needs a new "
          + "password; sign in again");
    }
    String token = randomText(32);
    if (!tokens.rotate(series, hash, sha256(token), now)) {
      count("raced");
      throw new RememberMeAuthenticationException("this phone's login was used at the same "
          + "moment by another request; reload the page");
    }
    setCookie(new String[] {series, token}, getTokenValiditySeconds(), request, response);
    count("used");
    return new PrincipalDetails(user.principal());
  }

  @Override
  protected Authentication createSuccessfulAuthentication(HttpServletRequest request,
      UserDetails user) {
    HubPrincipal principal = ((PrincipalDetails) user).principal();
    RememberMeAuthenticationToken auth = new RememberMeAuthenticationToken(getKey(), principal,
        user.getAuthorities());
    auth.setDetails(getAuthenticationDetailsSource().buildDetails(request));
    return auth;
  }

  @Override
  public void logout(HttpServletRequest request, HttpServletResponse response,
      Authentication authentication) {
    String cookie = extractRememberMeCookie(request);
    if (cookie != null && !cookie.isEmpty()) {
      try {
        String[] parts = decodeCookie(cookie);
        if (parts.length > 0) {
          tokens.delete(parts[0]);
        }
      } catch (InvalidCookieException ignored) {
        // nothing stored for a cookie we cannot read
      }
    }
    super.logout(request, response, authentication);
  }

  /** Signs out every phone of the user; returns how many. */
  int signOutEverywhere(long userId) {
    count("revoked");
    return tokens.deleteAll(userId);
  }

  private String randomText(int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private void count(String outcome) {
    metrics.counter("gridguard_console_remember_me_total", List.of(
        io.micrometer.core.instrument.Tag.of("outcome", outcome))).increment();
  }
}
