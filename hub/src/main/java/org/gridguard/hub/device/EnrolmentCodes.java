package org.gridguard.hub.device;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * One-time enrolment codes: 10 characters of a 31-letter alphabet without look-alikes (no 0/O,
 * 1/I/L), about 49 bits, kept only as their SHA-256. Issuing a code for a gateway withdraws its
 * earlier unused ones; a code is used by one conditional UPDATE, so two hub instances cannot
 * both accept it.
 */
@Repository
class EnrolmentCodes {
  static final String ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
  static final int LENGTH = 10;

  /** Why a code was not accepted. */
  enum Refusal { UNKNOWN, USED, EXPIRED }

  private final JdbcTemplate jdbc;
  private final SecureRandom random = new SecureRandom();

  EnrolmentCodes(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** A new code for {@code gatewayId}, shown once; earlier unused codes stop working. */
  String issue(String gatewayId, String by, Instant now, Instant expires) {
    jdbc.update("UPDATE enrolment_code SET expires_at = ? WHERE gateway_id = ? AND used_at IS NULL "
        + "AND expires_at > ?", Timestamp.from(now), gatewayId, Timestamp.from(now));
    StringBuilder code = new StringBuilder(LENGTH);
    for (int i = 0; i < LENGTH; i++) {
      code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    jdbc.update("INSERT INTO enrolment_code (code_hash, gateway_id, created_by, created_at, "
        + "expires_at) VALUES (?, ?, ?, ?, ?)", hash(code.toString()), gatewayId, by,
        Timestamp.from(now), Timestamp.from(expires));
    return code.toString();
  }

  /** Whether {@code code} is well-formed (so a typo is told apart from a wrong code). */
  static Optional<String> normalise(String code) {
    if (code == null) {
      return Optional.empty();
    }
    String c = code.replace("-", "").replace(" ", "").toUpperCase(Locale.ROOT);
    if (c.length() != LENGTH || c.chars().anyMatch(ch -> ALPHABET.indexOf(ch) < 0)) {
      return Optional.empty();
    }
    return Optional.of(c);
  }

  /**
   * Uses {@code code} at {@code now}.
   *
   * @return the gateway id, or the refusal
   */
  Result use(String code, Instant now, String from) {
    String h = hash(code);
    int used = jdbc.update("UPDATE enrolment_code SET used_at = ?, used_from = ? WHERE "
        + "code_hash = ? AND used_at IS NULL AND expires_at > ?", Timestamp.from(now), from, h,
        Timestamp.from(now));
    var rows = jdbc.queryForList("SELECT gateway_id, used_at FROM enrolment_code WHERE "
        + "code_hash = ?", h);
    if (rows.isEmpty()) {
      return new Result(null, Refusal.UNKNOWN);
    }
    String gateway = (String) rows.get(0).get("gateway_id");
    if (used == 1) {
      return new Result(gateway, null);
    }
    return new Result(gateway, rows.get(0).get("used_at") != null ? Refusal.USED : Refusal.EXPIRED);
  }

  record Result(String gatewayId, Refusal refusal) {}

  static String hash(String code) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(code.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
