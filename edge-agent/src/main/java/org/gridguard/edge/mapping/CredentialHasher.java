package org.gridguard.edge.mapping;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Turns a card number, QR or PIN into {@code credential_ref}: hex SHA-256 of
 * {@code salt ":" credential}. The same credential gives the same reference under one salt (so
 * the hub can count repeats) and raw credentials never leave the gateway (PROTOCOL.md §4.2).
 */
final class CredentialHasher {
  private final byte[] salt;

  CredentialHasher(String salt) {
    if (salt == null || salt.length() < 8) {
      throw new IllegalArgumentException("the credential salt must have at least 8 characters");
    }
    this.salt = (salt + ":").getBytes(StandardCharsets.UTF_8);
  }

  String hash(String credential) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(salt);
      return HexFormat.of().formatHex(digest.digest(credential.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
