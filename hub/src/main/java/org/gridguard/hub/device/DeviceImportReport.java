package org.gridguard.hub.device;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What a CSV import did (or, with {@code dryRun}, would do). When {@code stored} is false nothing
 * was written: a dry run, or problems (an import is all or nothing).
 *
 * @param problems the first problems (at most {@code gridguard.device.import-max-problems})
 * @param problemCount all problems found
 */
public record DeviceImportReport(boolean stored, boolean dryRun, int rows, int created, int updated,
    int unchanged, List<Problem> problems, long problemCount) {
  /** Where (the CSV line a row starts on; absent for the file as a whole), which column, why. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Problem(Integer line, String field, String reason) {}

  public DeviceImportReport {
    problems = List.copyOf(problems);
  }
}
