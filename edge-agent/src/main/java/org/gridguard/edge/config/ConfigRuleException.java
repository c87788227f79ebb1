package org.gridguard.edge.config;

import java.util.ArrayList;
import java.util.List;

/**
 * A config record's compact constructor refusing values: the record is the one place its rules
 * live, and {@link ConfigNode#build} attaches each complaint to the YAML path of its key (the
 * record's field name in the file, e.g. {@code fsync_interval}). Records collect every broken
 * rule with {@link Rules} and throw once, so a file's problems are all listed together.
 */
public final class ConfigRuleException extends IllegalArgumentException {
  /** One broken rule: {@code key} below the record's node ({@code null}: the node itself). */
  public record Violation(String key, String message) {}

  private final List<Violation> violations;

  public ConfigRuleException(String key, String message) {
    this(List.of(new Violation(key, message)));
  }

  public ConfigRuleException(List<Violation> violations) {
    super(describe(violations));
    this.violations = List.copyOf(violations);
  }

  public List<Violation> violations() {
    return violations;
  }

  private static String describe(List<Violation> violations) {
    StringBuilder sb = new StringBuilder();
    for (Violation v : violations) {
      sb.append(sb.isEmpty() ? "" : "; ").append(v.key() == null ? "" : v.key() + ": ")
          .append(v.message());
    }
    return sb.toString();
  }

  /** Collects the broken rules of one record; {@link #throwIfAny()} at the end. */
  public static final class Rules {
    private final List<Violation> broken = new ArrayList<>();

    /** Records {@code message} at {@code key} unless {@code ok}; returns {@code ok}. */
    public boolean check(boolean ok, String key, String message) {
      if (!ok) {
        broken.add(new Violation(key, message));
      }
      return ok;
    }

    public void throwIfAny() {
      if (!broken.isEmpty()) {
        throw new ConfigRuleException(broken);
      }
    }
  }
}
