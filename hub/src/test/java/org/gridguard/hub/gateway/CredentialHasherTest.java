package org.gridguard.hub.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CredentialHasherTest {
  private final CredentialHasher hasher = new CredentialHasher(1000);

  @Test
  void matches_sameCredential_true() {
    String hash = hasher.hash("s3cret");
    assertThat(hasher.matches("s3cret", hash)).isTrue();
  }

  @Test
  void matches_otherCredential_false() {
    assertThat(hasher.matches("s3cres", hasher.hash("s3cret"))).isFalse();
  }

  @Test
  void hash_sameCredentialTwice_differentSaltNoPlaintext() {
    String a = hasher.hash("s3cret");
    assertThat(a).isNotEqualTo(hasher.hash("s3cret")).doesNotContain("s3cret")
        .startsWith("pbkdf2-sha256$1000$");
  }

  @Test
  void matches_malformedStoredHash_false() {
    assertThat(hasher.matches("x", "plain")).isFalse();
    assertThat(hasher.matches("x", "pbkdf2-sha256$abc$$")).isFalse();
  }

  @Test
  void matches_hashMadeWithOtherIterations_usesStoredCount() {
    String hash = new CredentialHasher(2000).hash("k");
    assertThat(hasher.matches("k", hash)).isTrue();
  }
}
