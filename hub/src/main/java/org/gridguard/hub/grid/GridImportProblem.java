package org.gridguard.hub.grid;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * One problem of an import: where (the CSV line a row starts on, or the GeoJSON feature, both
 * 1-based; neither when the problem is the file as a whole), which field (as the format names
 * it: {@code polygon} in CSV, {@code geometry} or {@code properties.name} in GeoJSON; absent when
 * it is the whole row) and why.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GridImportProblem(Integer line, Integer feature, String field, String reason) {
  public GridImportProblem {
    Objects.requireNonNull(reason, "reason");
  }

  @Override
  public String toString() {
    String where = line != null ? "line " + line : feature != null ? "feature " + feature : "input";
    return where + (field == null ? "" : " " + field) + ": " + reason;
  }
}
