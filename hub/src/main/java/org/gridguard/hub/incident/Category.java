package org.gridguard.hub.incident;

import java.util.Objects;

/**
 * An incident category (DOMAIN.md): a four-digit code in the 2+2 style, names, default
 * priority 1–4, and whether it is life-safety (P1 incidents of it take the fast path).
 */
public record Category(String code, String nameZh, String nameEn, int defaultPriority,
    boolean lifeSafety) {
  public Category {
    if (code == null || !code.matches("[0-9]{4}")) {
      throw new IllegalArgumentException("category code '" + code + "': must be four digits");
    }
    if (nameZh == null || nameZh.isBlank() || nameEn == null || nameEn.isBlank()) {
      throw new IllegalArgumentException("category " + code + ": both names are required");
    }
    if (defaultPriority < 1 || defaultPriority > 4) {
      throw new IllegalArgumentException("category " + code + ": default priority must be 1-4, was "
          + defaultPriority);
    }
    Objects.requireNonNull(nameEn);
  }
}
