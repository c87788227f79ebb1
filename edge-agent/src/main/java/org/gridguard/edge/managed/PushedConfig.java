package org.gridguard.edge.managed;

import java.util.Map;

/**
 * The last good configuration the hub pushed: its version and its managed sections as a YAML
 * tree ({@link ManagedSections#managedOnly}).
 */
public record PushedConfig(long version, Map<String, Object> sections) {
  public PushedConfig {
    if (version < 1) {
      throw new IllegalArgumentException("a pushed configuration's version is at least 1, was "
          + version);
    }
    if (sections == null) {
      throw new IllegalArgumentException("a pushed configuration needs its sections");
    }
    sections = Map.copyOf(sections);
  }
}
