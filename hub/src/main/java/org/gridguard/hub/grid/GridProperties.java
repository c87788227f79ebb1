package org.gridguard.hub.grid;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code gridguard.grid.*}: limits of grid import and membership.
 *
 * @param importMaxRows most rows (CSV records or features) one import may hold; more is refused
 *     as a whole (the codes seen are kept in memory to find duplicates and parents: ~100 bytes each)
 * @param importMaxBytes largest import body
 * @param importMaxProblems how many problems an import report lists (all are counted)
 * @param importBatchSize rows checked and written per database round trip
 * @param importConcurrency imports running at once on this instance; more are answered 429
 * @param maxMembers most members one grid node may have
 */
@Validated
@ConfigurationProperties("gridguard.grid")
public record GridProperties(
    @DefaultValue("200000") @Min(1) @Max(10_000_000) int importMaxRows,
    @DefaultValue("256MB") DataSize importMaxBytes,
    @DefaultValue("1000") @Min(1) @Max(100_000) int importMaxProblems,
    @DefaultValue("500") @Min(1) @Max(10_000) int importBatchSize,
    @DefaultValue("2") @Min(1) @Max(64) int importConcurrency,
    @DefaultValue("200") @Min(1) @Max(10_000) int maxMembers) {
  public GridProperties {
    if (importMaxBytes.toBytes() < 1) {
      throw new IllegalArgumentException("gridguard.grid.import-max-bytes must be positive");
    }
  }

  /** The defaults, for code that runs without Spring (tests, tools). */
  public static GridProperties defaults() {
    return new GridProperties(200_000, DataSize.ofMegabytes(256), 1000, 500, 2, 200);
  }
}
