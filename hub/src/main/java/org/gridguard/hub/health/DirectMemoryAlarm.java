package org.gridguard.hub.health;

/**
 * The share of the maximum direct memory beyond which {@code directMemory} reports DOWN. Its
 * setting belongs to the component that spends the memory and refuses work past the same share
 * (ingest: {@code gridguard.ingest.direct-memory-alarm}), which declares it as a bean, so that
 * health reads no feature's configuration.
 *
 * @param share between 0.1 and 1.0
 */
public record DirectMemoryAlarm(double share) {
  public DirectMemoryAlarm {
    if (!(share >= 0.1 && share <= 1.0)) {
      throw new IllegalArgumentException(
          "direct memory alarm: the share must be between 0.1 and 1.0, was " + share);
    }
  }
}
