package org.gridguard.hub.gateway;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Salted PBKDF2-HMAC-SHA256 hashes of gateway credentials, stored as
 * {@code pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>}. Thread-safe.
 */
public final class CredentialHasher {
  private static final String PREFIX = "pbkdf2-sha256";
  private static final int SALT_BYTES = 16;
  private static final int HASH_BITS = 256;

  private final SecureRandom random = new SecureRandom();
  private final int iterations;

  public CredentialHasher(int iterations) {
    if (iterations < 1000) {
      throw new IllegalArgumentException("PBKDF2 iterations must be >= 1000, was " + iterations);
    }
    this.iterations = iterations;
  }

  /** A new random credential to hand to a technician once (URL-safe, 256 bits). */
  public String newCredential() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public String hash(String credential) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] hash = pbkdf2(credential, salt, iterations);
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return PREFIX + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
  }

  /** Constant-time check of a credential against a stored hash; false for malformed hashes. */
  public boolean matches(String credential, String stored) {
    String[] parts = stored.split("\\$");
    if (parts.length != 4 || !parts[0].equals(PREFIX)) {
      return false;
    }
    try {
      int storedIterations = Integer.parseInt(parts[1]);
      byte[] salt = Base64.getDecoder().decode(parts[2]);
      byte[] expected = Base64.getDecoder().decode(parts[3]);
      byte[] actual = pbkdf2(credential, salt, storedIterations);
      return MessageDigest.isEqual(expected, actual);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static byte[] pbkdf2(String credential, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(credential.toCharArray(), salt, iterations, HASH_BITS);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 unavailable", e);
    } finally {
      spec.clearPassword();
    }
  }

  /** SHA-256 of a credential, for the verified-credential cache (never stored on disk). */
  static byte[] fingerprint(String gatewayId, String credential) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(gatewayId.getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0);
      return digest.digest(credential.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
