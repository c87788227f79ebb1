package org.gridguard.hub.demo;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.gridguard.hub.grid.GridImportReport;
import org.gridguard.hub.grid.GridImporter;
import org.gridguard.hub.security.GridScope;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The demo county ({@code demo/grids.csv}: two towns, a few villages and their grids with
 * polygons around the simulated village), imported through the same importer as any upload.
 * Importing again only updates what changed.
 */
@Component
class DemoGrids {
  static final String COUNTY = "330102";
  static final String TOWN = "330102001";
  static final String VILLAGE = "330102001001";
  /** The grid of the simulated village's gateway ({@code deploy/run-local.sh}). */
  static final String GRID = "330102001001001";

  private final GridImporter importer;
  private final JdbcTemplate jdbc;

  DemoGrids(GridImporter importer, JdbcTemplate jdbc) {
    this.importer = importer;
    this.jdbc = jdbc;
  }

  void load() {
    try (Reader csv = new InputStreamReader(new ClassPathResource("demo/grids.csv").getInputStream(),
        StandardCharsets.UTF_8)) {
      GridImportReport report = importer.importCsv(csv, false, GridScope.all(), "system");
      if (!report.stored()) {
        throw new IllegalStateException("demo/grids.csv did not import: " + report.problems());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read demo/grids.csv", e);
    }
  }

  long count() {
    return jdbc.queryForObject("SELECT COUNT(*) FROM grid_node", Long.class);
  }
}
