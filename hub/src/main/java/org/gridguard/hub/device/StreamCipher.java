package org.gridguard.hub.device;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Encrypts secrets at rest with AES-256-GCM: a fresh 96-bit nonce per value, a 128-bit tag, and
 * the owning row's identity as associated data (a ciphertext copied to another device does not
 * decrypt). Stored as {@code v1:<base64(nonce || ciphertext)>}. The key comes from
 * {@code gridguard.device.secret-key}, else from {@code secret-key-file}, generated there (mode
 * 0600) on first use when absent; its path is logged, the key never is.
 */
@Component
class StreamCipher {
  private static final Logger log = LoggerFactory.getLogger(StreamCipher.class);
  private static final String PREFIX = "v1:";
  private static final int NONCE = 12;
  private static final int TAG_BITS = 128;

  private final DeviceProperties config;
  private final SecureRandom random = new SecureRandom();
  private volatile SecretKey key;

  StreamCipher(DeviceProperties config) {
    this.config = config;
    if (!config.secretKey().isEmpty()) {
      this.key = decode(config.secretKey(), "gridguard.device.secret-key");
    }
  }

  String encrypt(String plaintext, String owner) {
    byte[] nonce = new byte[NONCE];
    random.nextBytes(nonce);
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, key(), new GCMParameterSpec(TAG_BITS, nonce));
      c.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = c.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      byte[] out = new byte[NONCE + sealed.length];
      System.arraycopy(nonce, 0, out, 0, NONCE);
      System.arraycopy(sealed, 0, out, NONCE, sealed.length);
      return PREFIX + Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM encryption failed", e);
    }
  }

  /** @throws IllegalStateException when the value was sealed with another key or for another owner */
  String decrypt(String stored, String owner) {
    if (!stored.startsWith(PREFIX)) {
      throw new IllegalStateException("stored secret of " + owner + " has an unknown format");
    }
    byte[] in = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, key(), new GCMParameterSpec(TAG_BITS, in, 0, NONCE));
      c.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
      return new String(c.doFinal(in, NONCE, in.length - NONCE), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot decrypt the stored secret of " + owner
          + ": wrong gridguard.device.secret-key (every hub instance needs the same key)");
    }
  }

  /**
   * A keyed fingerprint of a secret (HMAC-SHA256 under a key derived from the AES key; 32 hex):
   * equal secrets give equal fingerprints, so a configuration version can follow a changed
   * password without the version being a hash anyone can test guesses against.
   */
  String fingerprint(String secret, String owner) {
    try {
      javax.crypto.Mac derive = javax.crypto.Mac.getInstance("HmacSHA256");
      derive.init(new SecretKeySpec(key().getEncoded(), "HmacSHA256"));
      byte[] subkey = derive.doFinal("gridguard stream fingerprint v1"
          .getBytes(StandardCharsets.UTF_8));
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(subkey, "HmacSHA256"));
      mac.update(owner.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      byte[] out = mac.doFinal(secret.getBytes(StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(out, 0, 16);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 unavailable", e);
    }
  }

  private SecretKey key() {
    SecretKey k = key;
    if (k == null) {
      synchronized (this) {
        if (key == null) {
          key = loadOrCreate(config.secretKeyFile().toAbsolutePath());
        }
        k = key;
      }
    }
    return k;
  }

  private SecretKey loadOrCreate(Path file) {
    try {
      if (Files.exists(file)) {
        return decode(Files.readString(file).strip(), file.toString());
      }
      byte[] raw = new byte[32];
      random.nextBytes(raw);
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      try {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException e) {
        Files.createFile(file);
      }
      Files.writeString(file, Base64.getEncoder().encodeToString(raw) + System.lineSeparator());
      log.warn("Generated the device secret key (camera credentials at rest) in {}; back it up, "
          + "and give every hub instance the same key (gridguard.device.secret-key)", file);
      return new SecretKeySpec(raw, "AES");
    } catch (java.nio.file.FileAlreadyExistsException e) {
      return loadOrCreate(file); // another instance on this host was first
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the device secret key " + file, e);
    }
  }

  private static SecretKey decode(String base64, String where) {
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(base64.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(where + " must be base64 of 32 random bytes "
          + "(e.g. `head -c32 /dev/urandom | base64`)");
    }
    if (raw.length != 32) {
      throw new IllegalStateException(where + " must be base64 of 32 bytes, was " + raw.length
          + " bytes (e.g. `head -c32 /dev/urandom | base64`)");
    }
    return new SecretKeySpec(raw, "AES");
  }
}
