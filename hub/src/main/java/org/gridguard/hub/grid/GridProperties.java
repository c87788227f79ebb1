package org.gridguard.hub.grid;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code gridguard.grid.*}: limits of grid import and membership. (The size of an import body is
 * bounded before it reaches the importer: {@code gridguard.security.max-import-body}.)
 *
 * @param importMaxRows most rows (CSV records or features) one import may hold; more is refused
 *     as a whole (the codes seen are kept in memory to find duplicates and parents: ~100 bytes each)
 * @param importMaxProblems how many problems an import report lists (all are counted)
 * @param importBatchSize rows checked and written per database round trip
 * @param importConcurrency imports running at once on this instance; more are answered 429
 * @param maxMembers most members one grid node may have
 */
@Validated
@ConfigurationProperties("gridguard.grid")
public record GridProperties(
    @DefaultValue("200000") @Min(1) @Max(10_000_000) int importMaxRows,
    @DefaultValue("1000") @Min(1) @Max(100_000) int importMaxProblems,
    @DefaultValue("500") @Min(1) @Max(10_000) int importBatchSize,
    @DefaultValue("2") @Min(1) @Max(64) int importConcurrency,
    @DefaultValue("200") @Min(1) @Max(10_000) int maxMembers) {
  /** The defaults, for code that runs without Spring (tests, tools). */
  public static GridProperties defaults() {
    return new GridProperties(200_000, 1000, 500, 2, 200);
  }
}
