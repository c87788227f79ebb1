package org.gridguard.hub.evidence;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code gridguard.evidence.*}.
 *
 * @param directory where evidence files are kept ({@code <gateway>/<evidence id>}, partial
 *     items in {@code <gateway>/.partial/<evidence id>})
 * @param retention how long an item is kept after it arrived; then it is purged
 * @param purgeInterval how often the purge runs
 * @param maxSize largest evidence item accepted; a chunk of a larger item (by its
 *     {@code total_size}) is dead-lettered before anything is written to disk (PROTOCOL.md §7)
 * @param threads threads writing, fsyncing and verifying evidence: their own, never the PRIORITY
 *     store's, so slow evidence work cannot hold up alarms
 * @param queue evidence chunks waiting for one of those threads (at most one per session, since
 *     a session's chunks are written in order) before sessions get Reject(OVERLOADED)
 */
@Validated
@ConfigurationProperties("gridguard.evidence")
public record EvidenceProperties(
    @DefaultValue("./var/evidence") @NotNull Path directory,
    @DefaultValue("30d") @NotNull Duration retention,
    @DefaultValue("1h") @NotNull Duration purgeInterval,
    @DefaultValue("64MB") @NotNull DataSize maxSize,
    @DefaultValue("2") @Min(1) @Max(64) int threads,
    @DefaultValue("10000") @Min(1) @Max(1_000_000) int queue) {
  public EvidenceProperties {
    if (maxSize != null && (maxSize.toBytes() < 1 || maxSize.toBytes() > (1L << 40))) {
      throw new IllegalArgumentException(
          "gridguard.evidence.max-size must be within [1B, 1TB], was " + maxSize);
    }
  }
}
