package org.gridguard.hub.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamCipherTest {
  @TempDir Path dir;

  private DeviceProperties props(String key, Path file) {
    return new DeviceProperties(key, file, java.time.Duration.ofHours(24), 10,
        java.time.Duration.ofMinutes(10), 1000, 10000, 100);
  }

  @Test
  void encrypt_noKeyConfigured_generatesA0600KeyFileAndRoundTrips() throws Exception {
    Path file = dir.resolve("var/device-secret-key");
    StreamCipher cipher = new StreamCipher(props("", file));
    String sealed = cipher.encrypt("rtsp://a:secret@h/1", "device:g/c");
    assertThat(sealed).startsWith("v1:").doesNotContain("secret");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    // a second instance reading the same file decrypts
    assertThat(new StreamCipher(props("", file)).decrypt(sealed, "device:g/c"))
        .isEqualTo("rtsp://a:secret@h/1");
  }

  @Test
  void decrypt_otherOwner_fails() {
    StreamCipher cipher = new StreamCipher(props(key(), dir.resolve("unused")));
    String sealed = cipher.encrypt("x", "device:g/a");
    assertThatThrownBy(() -> cipher.decrypt(sealed, "device:g/b"))
        .hasMessageContaining("cannot decrypt");
    assertThat(Files.exists(dir.resolve("unused"))).isFalse();
  }

  @Test
  void fingerprint_sameSecretSameKey_equalOtherwiseDifferentAndNotThePlainHash() throws Exception {
    StreamCipher one = new StreamCipher(props(key(), dir.resolve("unused")));
    StreamCipher other = new StreamCipher(props(Base64.getEncoder().encodeToString(
        "another-key-of-exactly-32-bytes!".getBytes()), dir.resolve("unused")));
    String fp = one.fingerprint("rtsp://a:secret@h/1", "stream-url");

    assertThat(fp).matches("[0-9a-f]{32}").isEqualTo(one.fingerprint("rtsp://a:secret@h/1",
        "stream-url"));
    assertThat(one.fingerprint("rtsp://a:secreT@h/1", "stream-url")).isNotEqualTo(fp);
    assertThat(other.fingerprint("rtsp://a:secret@h/1", "stream-url")).isNotEqualTo(fp);
    String plain = java.util.HexFormat.of().formatHex(java.security.MessageDigest
        .getInstance("SHA-256").digest("rtsp://a:secret@h/1".getBytes()));
    assertThat(plain).doesNotContain(fp);
  }

  @Test
  void new_keyOfWrongLength_namesTheSetting() {
    assertThatThrownBy(() -> new StreamCipher(props(Base64.getEncoder().encodeToString(
        new byte[16]), dir.resolve("k"))))
        .hasMessageStartingWith("gridguard.device.secret-key must be base64 of 32 bytes");
  }

  @Test
  void encrypt_sameText_differsEachTime() {
    StreamCipher cipher = new StreamCipher(props(key(), dir.resolve("k")));
    assertThat(cipher.encrypt("x", "o")).isNotEqualTo(cipher.encrypt("x", "o"));
  }

  private static String key() {
    return Base64.getEncoder().encodeToString(new byte[32]);
  }
}
