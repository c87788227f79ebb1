package org.gridguard.edge.mapping;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * Where the device's own timestamp is and how it is written. A missing timestamp falls back to
 * the receive time unless {@code required}; a present but unreadable one is an error.
 */
record TimestampSpec(ValueSource source, Format format, DateTimeFormatter pattern, ZoneId zone,
    boolean required) {

  enum Format { EPOCH_S, EPOCH_MS, ISO8601, PATTERN, AUTO }

  TimestampSpec {
    Objects.requireNonNull(source);
    Objects.requireNonNull(format);
    Objects.requireNonNull(zone);
    if (format == Format.PATTERN && pattern == null) {
      throw new IllegalArgumentException("format PATTERN needs a pattern");
    }
  }
}
