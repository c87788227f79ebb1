package org.gridguard.edge.detect;

import java.time.Duration;

/**
 * Optional short evidence clip around an alarm's BEGIN: {@code pre} seconds from the camera's
 * frame ring plus {@code post} seconds after, at the analysis rate and size (small gray), encoded
 * as MPEG-4 in fragmented MP4. Off by default: the snapshot is the primary evidence.
 */
public record ClipConfig(boolean enabled, Duration pre, Duration post) {
  public static final ClipConfig OFF =
      new ClipConfig(false, Duration.ofSeconds(5), Duration.ofSeconds(5));

  public ClipConfig {
    if (pre.isNegative() || post.isNegative()
        || pre.plus(post).compareTo(Duration.ofSeconds(60)) > 0) {
      throw new IllegalArgumentException("clip pre + post must be within 0..60 s");
    }
  }
}
