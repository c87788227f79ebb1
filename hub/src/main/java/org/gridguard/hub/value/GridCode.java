package org.gridguard.hub.value;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Grid node codes after GB/T 2260 (DOMAIN.md): six digits for the county, three more for the
 * town/street, three for the village/community, three for the grid. Because every level has a
 * fixed length and a child's code starts with its parent's, "node X and everything below it" is
 * exactly "codes starting with X" — which is how grid scope is put into SQL
 * ({@code org.gridguard.hub.security.GridScope}). Lives apart from the grid feature because
 * security builds on it and the grid feature builds on security.
 */
public final class GridCode {
  private static final Pattern DIGITS = Pattern.compile("[0-9]+");

  /** The levels of the hierarchy, with the length of their codes. */
  public enum Level {
    COUNTY(6), TOWN(9), VILLAGE(12), GRID(15);

    private final int codeLength;

    Level(int codeLength) {
      this.codeLength = codeLength;
    }

    public int codeLength() {
      return codeLength;
    }

    /** The level above, empty for a county. */
    public Optional<Level> parent() {
      return ordinal() == 0 ? Optional.empty() : Optional.of(values()[ordinal() - 1]);
    }
  }

  private GridCode() {}

  /** The level a well-formed code belongs to, empty if it is not a grid node code. */
  public static Optional<Level> levelOf(String code) {
    if (code == null || !DIGITS.matcher(code).matches()) {
      return Optional.empty();
    }
    for (Level level : Level.values()) {
      if (level.codeLength == code.length()) {
        return Optional.of(level);
      }
    }
    return Optional.empty();
  }

  public static boolean isValid(String code) {
    return levelOf(code).isPresent();
  }

  /** The parent's code (the code cut to the level above), empty for a county or a bad code. */
  public static Optional<String> parentOf(String code) {
    return levelOf(code).flatMap(Level::parent).map(p -> code.substring(0, p.codeLength()));
  }

  /** Why {@code code} is not a grid node code, for error messages. */
  public static String rule() {
    return "a grid node code is 6 (county), 9 (town), 12 (village) or 15 (grid) digits, "
        + "each starting with its parent's code";
  }
}
