package org.gridguard.hub.security;

import java.security.SecureRandom;
import java.util.Optional;

/** What a new password must be, and generated ones (bootstrap, reset, demo users). */
public final class PasswordPolicy {
  public static final int MIN_LENGTH = 10;
  public static final int MAX_LENGTH = 128;
  private static final char[] ALPHABET =
      "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private PasswordPolicy() {}

  /** Why {@code password} is not acceptable for {@code username}, empty if it is. */
  public static Optional<String> problem(String username, String password) {
    if (password == null || password.length() < MIN_LENGTH) {
      return Optional.of("must be at least " + MIN_LENGTH + " characters");
    }
    if (password.length() > MAX_LENGTH) {
      return Optional.of("must be at most " + MAX_LENGTH + " characters");
    }
    if (password.equalsIgnoreCase(username)) {
      return Optional.of("must not be the username");
    }
    if (password.chars().distinct().count() < 4) {
      return Optional.of("must use at least 4 different characters");
    }
    return Optional.empty();
  }

  /** 20 random characters from an alphabet without look-alikes (~114 bits). */
  public static String generate() {
    char[] out = new char[20];
    for (int i = 0; i < out.length; i++) {
      out[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
    }
    return new String(out);
  }
}
