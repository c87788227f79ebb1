package org.gridguard.hub.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Opaque bearer tokens for the REST API: 256 random bits handed out once, stored only as their
 * SHA-256, expiring after {@code token-ttl}, revocable one by one or all of a user's at once.
 * Each request looks its token up in the database, so a revocation holds on every hub instance
 * at once.
 */
@Service
public class TokenService {
  /** A token as handed to the client, once. */
  public record Issued(String token, long tokenId, Instant expiresAt) {}

  private static final String PREFIX = "ggt_";

  private final JdbcTemplate jdbc;
  private final UserRepository users;
  private final SecurityProperties config;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  @Autowired
  TokenService(JdbcTemplate jdbc, UserRepository users, SecurityProperties config) {
    this(jdbc, users, config, Clock.systemUTC());
  }

  TokenService(JdbcTemplate jdbc, UserRepository users, SecurityProperties config, Clock clock) {
    this.jdbc = jdbc;
    this.users = users;
    this.config = config;
    this.clock = clock;
  }

  public Issued issue(UserAccount user, String address) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Instant now = clock.instant();
    Instant expires = now.plus(config.tokenTtl());
    jdbc.update("INSERT INTO api_token (token_hash, user_id, issued_at, expires_at, client_address) "
            + "VALUES (?, ?, ?, ?, ?)", hash(token), user.id(), Timestamp.from(now),
        Timestamp.from(expires), address == null ? null : address.substring(0, Math.min(64, address.length())));
    long id = jdbc.queryForObject("SELECT id FROM api_token WHERE token_hash = ?", Long.class,
        hash(token));
    revokeBeyondLimit(user.id());
    return new Issued(token, id, expires);
  }

  /** The live token's user, if the token is known, unexpired, unrevoked and its user enabled. */
  public Optional<Authenticated> authenticate(String token) {
    if (token == null || !token.startsWith(PREFIX) || token.length() > 128) {
      return Optional.empty();
    }
    List<long[]> rows = jdbc.query("SELECT t.id, t.user_id FROM api_token t JOIN app_user u "
            + "ON u.id = t.user_id WHERE t.token_hash = ? AND t.revoked_at IS NULL "
            + "AND t.expires_at > ? AND u.enabled = TRUE",
        (rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)}, hash(token),
        Timestamp.from(clock.instant()));
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    long tokenId = rows.get(0)[0];
    return users.findById(rows.get(0)[1])
        .map(u -> new Authenticated(tokenId, u.principal()));
  }

  /** A token's id and its user. */
  public record Authenticated(long tokenId, HubPrincipal principal) {}

  /** Revokes one token of {@code userId}; returns whether it was live. */
  public boolean revoke(long tokenId, long userId) {
    return jdbc.update("UPDATE api_token SET revoked_at = ? WHERE id = ? AND user_id = ? "
        + "AND revoked_at IS NULL", Timestamp.from(clock.instant()), tokenId, userId) == 1;
  }

  /** Revokes every live token of a user (password change, reset, disable); returns how many. */
  public int revokeAll(long userId) {
    return jdbc.update("UPDATE api_token SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL",
        Timestamp.from(clock.instant()), userId);
  }

  /** Deletes tokens that expired more than a day ago (they can no longer be used anyway). */
  public int purgeExpired() {
    return jdbc.update("DELETE FROM api_token WHERE expires_at < ?",
        Timestamp.from(clock.instant().minusSeconds(86_400)));
  }

  private void revokeBeyondLimit(long userId) {
    List<Long> live = jdbc.queryForList("SELECT id FROM api_token WHERE user_id = ? AND "
            + "revoked_at IS NULL AND expires_at > ? ORDER BY id DESC", Long.class, userId,
        Timestamp.from(clock.instant()));
    for (Long id : live.subList(Math.min(live.size(), config.maxTokensPerUser()), live.size())) {
      revoke(id, userId);
    }
  }

  static String hash(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
