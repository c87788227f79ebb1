package org.gridguard.hub.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.gridguard.hub.audit.AuditEntry;
import org.gridguard.hub.security.GridScope;
import org.gridguard.hub.value.GridCode;
import org.gridguard.hub.value.GridCode.Level;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.web.server.ResponseStatusException;

/**
 * Import, export, scope and schema against a real database; subclasses supply H2 or PostgreSQL.
 * Fixtures: {@code src/test/resources/grid/} (made by make-fixtures.py there).
 */
abstract class GridImportContract {
  static final int COUNTY_NODES = 334;
  private static final GridScope TOWN_A = GridScope.of(Set.of("330102001"));

  DataSource ds;
  JdbcTemplate jdbc;
  GridRepository repository;
  GridImporter importer;
  GridExporter exporter;
  final List<AuditEntry> audits = new CopyOnWriteArrayList<>();

  protected abstract DataSource dataSource();

  @BeforeEach
  void migrateAndEmpty() {
    if (ds == null) {
      ds = dataSource(); // one instance: the transaction manager and JdbcTemplate must share it
    }
    Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
    jdbc = new JdbcTemplate(ds);
    jdbc.update("DELETE FROM app_user_scope");
    jdbc.update("DELETE FROM grid_member");
    for (String level : List.of("GRID", "VILLAGE", "TOWN", "COUNTY")) {
      jdbc.update("DELETE FROM grid_node WHERE level = ?", level);
    }
    jdbc.update("DELETE FROM app_user");
    repository = new GridRepository(jdbc);
    importer = importer(GridProperties.defaults());
    exporter = new GridExporter(repository);
  }

  private GridImporter importer(GridProperties limits) {
    return new GridImporter(repository, audits::add, new DataSourceTransactionManager(ds),
        limits, new SimpleMeterRegistry());
  }

  static byte[] resource(String name) {
    try (InputStream in = GridImportContract.class.getResourceAsStream("/grid/" + name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  GridImportReport importCsv(String resource, boolean skipBadRows) {
    return importer.importCsv(new InputStreamReader(new ByteArrayInputStream(resource(resource)),
        StandardCharsets.UTF_8), skipBadRows, GridScope.all(), "tester");
  }

  GridImportReport importGeoJson(String resource, boolean skipBadRows) {
    return importer.importGeoJson(new ByteArrayInputStream(resource(resource)), skipBadRows,
        GridScope.all(), "tester");
  }

  String exportCsv(GridScope scope) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    exporter.writeCsv(scope, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  String exportGeoJson(GridScope scope) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    exporter.writeGeoJson(scope, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  int count() {
    return jdbc.queryForObject("SELECT COUNT(*) FROM grid_node", Integer.class);
  }

  int count(Level level) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM grid_node WHERE level = ?", Integer.class,
        level.name());
  }

  private static GridImportReport ok(int rows, int imported, int updated, int unchanged) {
    return new GridImportReport(true, rows, imported, updated, unchanged, 0, List.of(), 0);
  }

  @Test
  void importCsv_countyFixture_everyNodeStored() {
    assertThat(importCsv("county.csv", false)).isEqualTo(ok(COUNTY_NODES, COUNTY_NODES, 0, 0));
    assertThat(List.of(count(Level.COUNTY), count(Level.TOWN), count(Level.VILLAGE),
        count(Level.GRID))).containsExactly(1, 3, 30, 300);
    assertThat(repository.find("330102001001001", GridScope.all())).hasValueSatisfying(n -> {
      assertThat(n.name()).isEqualTo("柳翠井巷社区第1网格");
      assertThat(n.parentCode()).isEqualTo("330102001001");
      assertThat(n.polygon()).isEqualTo("{\"type\":\"Polygon\",\"coordinates\":[[[120.1,30.22],"
          + "[120.11,30.22],[120.11,30.224],[120.1,30.224],[120.1,30.22]]]}");
    });
    assertThat(audits).singleElement().satisfies(a -> {
      assertThat(a.action()).isEqualTo("grid.import");
      assertThat(a.outcome()).isEqualTo(AuditEntry.SUCCESS);
      assertThat(a.detail()).isEqualTo("format=csv rows=334 imported=334 updated=0 unchanged=0 "
          + "skipped=0 problems=0");
    });
  }

  @Test
  void exportCsv_afterCsvImport_theImportedFileExactly() throws IOException {
    importCsv("county.csv", false);
    String exported = exportCsv(GridScope.all());
    assertThat(exported).isEqualTo("\uFEFF" + new String(resource("county.csv"),
        StandardCharsets.UTF_8));
  }

  @Test
  void exportGeoJson_roundTrip_sameBytesAndSameNodesAsCsv() throws IOException {
    assertThat(importGeoJson("county.geojson", false)).isEqualTo(
        ok(COUNTY_NODES, COUNTY_NODES, 0, 0));
    String csv = exportCsv(GridScope.all());
    assertThat(csv).isEqualTo("\uFEFF" + new String(resource("county.csv"), StandardCharsets.UTF_8));
    String geojson = exportGeoJson(GridScope.all());
    migrateAndEmpty();
    assertThat(importer.importGeoJson(new ByteArrayInputStream(
        geojson.getBytes(StandardCharsets.UTF_8)), false, GridScope.all(), "t").imported())
        .isEqualTo(COUNTY_NODES);
    assertThat(exportGeoJson(GridScope.all())).isEqualTo(geojson);
    assertThat(exportCsv(GridScope.all())).isEqualTo(csv);
    migrateAndEmpty();
    importer.importCsv(new StringReader(csv), false, GridScope.all(), "t");
    assertThat(exportGeoJson(GridScope.all())).isEqualTo(geojson);
  }

  static final List<GridImportProblem> BAD_CSV_PROBLEMS = List.of(
      new GridImportProblem(14, null, "code", "'33010200100A' is not a grid node code: "
          + GridCode.rule()),
      new GridImportProblem(43, null, "parent",
          "must be 330102001003 (the code without its last 3 digits), found '330102002001'"),
      new GridImportProblem(84, null, "name", "missing"),
      new GridImportProblem(125, null, "polygon", "coordinates[0]: the linear ring is not "
          + "closed (its last position must equal its first)"),
      new GridImportProblem(206, null, "code", "duplicate: 330102002008005 is also on line 201"),
      new GridImportProblem(340, null, "parent", "330102009 is neither in the database nor "
          + "earlier in this file (a parent must come before its children)"));

  @Test
  void importCsv_badRows_exactProblemsAndNothingStored() {
    importer.importCsv(new StringReader("code,name\n330103,拱墅区\n"), false, GridScope.all(), "t");
    audits.clear();
    GridImportReport report = importCsv("county-bad.csv", false);
    assertThat(report).isEqualTo(new GridImportReport(false, 340, 0, 0, 0, 340,
        BAD_CSV_PROBLEMS, 6));
    assertThat(count()).isEqualTo(1);
    assertThat(audits).singleElement().satisfies(a -> {
      assertThat(a.outcome()).isEqualTo(AuditEntry.FAILURE);
      assertThat(a.detail()).startsWith("format=csv rows=340 imported=0 updated=0 unchanged=0 "
          + "skipped=340 problems=6 first: line 14 code: '33010200100A' is not");
    });
  }

  @Test
  void importCsv_badRowsSkipped_restStoredWithTheSameProblems() {
    GridImportReport report = importCsv("county-bad.csv", true);
    assertThat(report).isEqualTo(new GridImportReport(true, 340, COUNTY_NODES, 0, 0, 6,
        BAD_CSV_PROBLEMS, 6));
    assertThat(count()).isEqualTo(COUNTY_NODES);
    assertThat(repository.exists("330102001003011")).isFalse();
  }

  @Test
  void importGeoJson_badFeatures_exactProblemsByFeature() {
    GridImportReport report = importGeoJson("county-bad.geojson", false);
    assertThat(report.stored()).isFalse();
    assertThat(report.problems()).containsExactly(
        new GridImportProblem(null, 13, "properties.code", "'33010200100A' is not a grid node "
            + "code: " + GridCode.rule()),
        new GridImportProblem(null, 42, "properties.parent",
            "must be 330102001003 (the code without its last 3 digits), found '330102002001'"),
        new GridImportProblem(null, 83, "properties.name", "missing"),
        new GridImportProblem(null, 124, "geometry", "coordinates[0]: the linear ring is not "
            + "closed (its last position must equal its first)"),
        new GridImportProblem(null, 205, "properties.code",
            "duplicate: 330102002008005 is also on feature 200"),
        new GridImportProblem(null, 339, "properties.parent", "330102009 is neither in the "
            + "database nor earlier in this file (a parent must come before its children)"));
    assertThat(count()).isZero();
    assertThat(importGeoJson("county-bad.geojson", true).imported()).isEqualTo(COUNTY_NODES);
  }

  @Test
  void importCsv_parentRejected_childSaysWhy() {
    GridImportReport report = importer.importCsv(new StringReader(
        "code,name\n330102,\n330102001,x\n"), true, GridScope.all(), "t");
    assertThat(report.problems()).containsExactly(
        new GridImportProblem(2, null, "name", "missing"),
        new GridImportProblem(3, null, "parent", "330102 (line 2) was not imported because of "
            + "its own problems"));
  }

  @Test
  void importCsv_existingCodes_updatedAndPolygonKeptWithoutItsColumn() {
    importCsv("county.csv", false);
    String before = repository.find("330102001", GridScope.all()).orElseThrow().polygon();
    GridImportReport report = importer.importCsv(new StringReader(
        "code,name\n330102001,清波街道（新）\n330102002,湖滨街道\n330102004,新街道\n"), false,
        GridScope.all(), "t");
    assertThat(report).isEqualTo(ok(3, 1, 1, 1));
    GridNode renamed = repository.find("330102001", GridScope.all()).orElseThrow();
    assertThat(renamed.name()).isEqualTo("清波街道（新）");
    assertThat(renamed.polygon()).isEqualTo(before);
    assertThat(importer.importCsv(new StringReader("code,name,polygon\n330102001,清波街道,\n"),
        false, GridScope.all(), "t")).isEqualTo(ok(1, 0, 1, 0));
    assertThat(repository.find("330102001", GridScope.all()).orElseThrow().polygon()).isNull();
    assertThat(importCsv("county.csv", false)).isEqualTo(ok(COUNTY_NODES, 0, 1,
        COUNTY_NODES - 1));
  }

  @Test
  void importCsv_scopedCaller_nodesOutsideTheScopeRefused() {
    importCsv("county.csv", false);
    GridImportReport report = importer.importCsv(new StringReader("code,name\n"
        + "330102001011,新社区\n330102002011,别的社区\n330102,上城区改名\n330199,新区\n"
        + "330102001,清波街道改名\n"), true, TOWN_A, "town-admin");
    assertThat(report.problems()).containsExactly(
        new GridImportProblem(3, null, "code", "330102002011 is outside your grid scope"),
        new GridImportProblem(4, null, "code", "330102 is outside your grid scope"),
        new GridImportProblem(5, null, "code", "330199 is outside your grid scope"));
    assertThat(report.imported()).isEqualTo(1);
    assertThat(report.updated()).isEqualTo(1);
    assertThat(repository.find("330102", GridScope.all()).orElseThrow().name()).isEqualTo("上城区");
  }

  @Test
  void list_townScope_nothingOfOtherTowns() {
    importCsv("county.csv", false);
    GridPage all = repository.list(TOWN_A, new GridQuery(null, null, null, 0, 500));
    assertThat(all.total()).isEqualTo(111);
    assertThat(all.items()).hasSize(111)
        .allSatisfy(s -> assertThat(s.code()).startsWith("330102001"));
    assertThat(repository.find("330102002", TOWN_A)).isEmpty();
    assertThat(repository.find("330102002001001", TOWN_A)).isEmpty();
    assertThat(repository.find("330102001001001", TOWN_A)).isPresent();
    assertThat(repository.children("330102", TOWN_A)).extracting(GridSummary::code)
        .containsExactly("330102001");
    assertThat(repository.list(GridScope.none(), new GridQuery(null, null, null, 0, 10)).total())
        .isZero();
  }

  @Test
  void exportCsv_townScope_onlyThatTown() throws IOException {
    importCsv("county.csv", false);
    String[] lines = exportCsv(TOWN_A).split("\r\n");
    assertThat(lines).hasSize(112);
    assertThat(lines[1]).startsWith("330102001,清波街道,330102,TOWN,");
    assertThat(exportGeoJson(TOWN_A)).doesNotContain("330102002").contains("330102001010010");
  }

  @Test
  void list_filtersPagingAndOrder() {
    importCsv("county.csv", false);
    assertThat(repository.list(GridScope.all(), new GridQuery("330102001001", null, null, 0, 50))
        .items()).extracting(GridSummary::code).hasSize(10).first().isEqualTo("330102001001001");
    assertThat(repository.list(GridScope.all(), new GridQuery(null, Level.VILLAGE, null, 0, 50))
        .total()).isEqualTo(30);
    assertThat(repository.list(GridScope.all(), new GridQuery(null, null, "柳翠", 0, 50)).total())
        .isEqualTo(11);
    assertThat(repository.list(GridScope.all(), new GridQuery(null, null, "330102003010", 0, 50))
        .items()).extracting(GridSummary::code).containsExactly("330102003010",
            "330102003010001", "330102003010002", "330102003010003", "330102003010004",
            "330102003010005", "330102003010006", "330102003010007", "330102003010008",
            "330102003010009", "330102003010010");
    assertThat(repository.list(GridScope.all(), new GridQuery(null, null, "%", 0, 50)).total())
        .isZero();
    GridPage last = repository.list(GridScope.all(), new GridQuery(null, null, null, 6, 50));
    assertThat(last.total()).isEqualTo(COUNTY_NODES);
    assertThat(last.items()).hasSize(34).last().satisfies(s -> {
      assertThat(s.code()).isEqualTo("330102003010010");
      assertThat(s.hasPolygon()).isTrue();
    });
  }

  @Test
  void importCsv_unreadableCsv_nothingStored() {
    GridImportReport report = importer.importCsv(new StringReader(
        "code,name\n330102,a\n330102001,\"b\n"), true, GridScope.all(), "t");
    assertThat(report).isEqualTo(new GridImportReport(false, 1, 0, 0, 0, 1, List.of(
        new GridImportProblem(3, null, null, "a quoted field opened on this line is never "
            + "closed")), 1));
    assertThat(count()).isZero();
  }

  @Test
  void importCsv_moreRowsThanTheLimit_refusedAsAWhole() {
    GridImporter small = importer(new GridProperties(2, 10, 1, 1, 10));
    GridImportReport report = small.importCsv(new StringReader(
        "code,name\n330102,a\n330102001,b\n330102002,c\n"), true, GridScope.all(), "t");
    assertThat(report.stored()).isFalse();
    assertThat(report.problems()).containsExactly(new GridImportProblem(4, null, null,
        "more than 2 rows (gridguard.grid.import-max-rows); split the file"));
    assertThat(count()).isZero();
  }

  @Test
  void importCsv_moreProblemsThanTheCap_firstListedAllCounted() {
    GridImporter capped = importer(new GridProperties(100, 2, 500, 1, 10));
    GridImportReport report = capped.importCsv(new StringReader(
        "code,name\n1,a\n2,b\n3,c\n4,d\n5,e\n"), true, GridScope.all(), "t");
    assertThat(report.problems()).extracting(GridImportProblem::line).containsExactly(2, 3);
    assertThat(report.problemCount()).isEqualTo(5);
    assertThat(report.skipped()).isEqualTo(5);
  }

  @Test
  void importCsv_concurrencyLimitReached_tooManyRequests() throws Exception {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    GridImporter one = new GridImporter(repository, audits::add,
        new DataSourceTransactionManager(ds), new GridProperties(100, 10, 500, 1,
            10), meters);
    CountDownLatch release = new CountDownLatch(1);
    Reader blocking = new Reader() {
      @Override
      public int read(char[] buf, int off, int len) throws IOException {
        try {
          if (!release.await(30, TimeUnit.SECONDS)) {
            throw new IOException("not released");
          }
        } catch (InterruptedException e) {
          throw new IOException(e);
        }
        return -1;
      }

      @Override
      public void close() {}
    };
    CompletableFuture<GridImportReport> first = CompletableFuture.supplyAsync(() ->
        one.importCsv(blocking, false, GridScope.all(), "first"));
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (meters.get("gridguard.grid.imports.active").gauge().value() < 1) {
        assertThat(System.nanoTime()).as("first import running").isLessThan(deadline);
        Thread.onSpinWait();
      }
      assertThatThrownBy(() -> one.importCsv(new StringReader("code,name\n"), false,
          GridScope.all(), "second"))
          .isInstanceOfSatisfying(ResponseStatusException.class, e -> {
            assertThat(e.getStatusCode().value()).isEqualTo(429);
            assertThat(e.getReason()).startsWith("1 grid imports are running on this hub");
          });
    } finally {
      release.countDown();
    }
    assertThat(first.get(30, TimeUnit.SECONDS).problems()).singleElement()
        .satisfies(p -> assertThat(p.reason()).startsWith("empty input"));
    assertThat(meters.get("gridguard.grid.imports.active").gauge().value()).isZero();
  }

  @Test
  void importCsv_tenThousandGrids_fewSeconds() throws IOException {
    StringBuilder csv = new StringBuilder("code,name,polygon\r\n330110,余杭区,\r\n");
    int rows = 1;
    for (int t = 1; t <= 10; t++) {
      String town = "330110" + "%03d".formatted(t);
      csv.append(town).append(",街道").append(t).append(",\r\n");
      rows++;
      for (int v = 1; v <= 10; v++) {
        String village = town + "%03d".formatted(v);
        csv.append(village).append(",社区").append(t).append('-').append(v).append(",\r\n");
        rows++;
        for (int g = 1; g <= 100; g++) {
          double x = 120.0 + t * 0.01 + g % 10 * 0.001;
          double y = 30.0 + v * 0.01 + g / 10 * 0.001;
          csv.append(village).append("%03d".formatted(g)).append(",第").append(g).append("网格,")
              .append(GridExporter.csvField(("{\"type\":\"Polygon\",\"coordinates\":[[[%.4f,%.4f],"
                  + "[%.4f,%.4f],[%.4f,%.4f],[%.4f,%.4f],[%.4f,%.4f]]]}").formatted(x, y,
                      x + 0.001, y, x + 0.001, y + 0.001, x, y + 0.001, x, y)))
              .append("\r\n");
          rows++;
        }
      }
    }
    long start = System.nanoTime();
    GridImportReport report = importer.importCsv(new StringReader(csv.toString()), false,
        GridScope.all(), "t");
    long importMs = (System.nanoTime() - start) / 1_000_000;
    assertThat(report).isEqualTo(ok(rows, rows, 0, 0));
    assertThat(count(Level.GRID)).isEqualTo(10_000);
    start = System.nanoTime();
    String exported = exportCsv(GridScope.all());
    long exportMs = (System.nanoTime() - start) / 1_000_000;
    System.out.printf("[%s] imported %d grid nodes (10,000 grids, %d KiB CSV) in %d ms; "
        + "exported in %d ms%n", getClass().getSimpleName(), rows, csv.length() / 1024, importMs,
        exportMs);
    assertThat(exported.split("\r\n")).hasSize(rows + 1);
    assertThat(importMs).as("10,000 grids should import in a few seconds").isLessThan(20_000);
  }

  @Test
  void schema_countyWithParentOrCodeOfWrongLength_refusedByTheDatabase() {
    importer.importCsv(new StringReader("code,name\n330102,a\n"), false, GridScope.all(), "t");
    assertThatThrownBy(() -> jdbc.update("INSERT INTO grid_node (code, level, name, parent_code) "
        + "VALUES ('330103', 'COUNTY', 'x', '330102')"))
        .isInstanceOf(DataIntegrityViolationException.class);
    assertThatThrownBy(() -> jdbc.update("INSERT INTO grid_node (code, level, name, parent_code) "
        + "VALUES ('3301020011', 'TOWN', 'x', '330102')"))
        .isInstanceOf(DataIntegrityViolationException.class);
    assertThatThrownBy(() -> jdbc.update("INSERT INTO grid_node (code, level, name, parent_code) "
        + "VALUES ('330103001', 'TOWN', 'x', '330102')"))
        .isInstanceOf(DataIntegrityViolationException.class);
    assertThatThrownBy(() -> jdbc.update("INSERT INTO grid_node (code, level, name, parent_code) "
        + "VALUES ('330102009', 'TOWN', 'x', NULL)"))
        .isInstanceOf(DataIntegrityViolationException.class);
    jdbc.update("INSERT INTO grid_node (code, level, name, parent_code) "
        + "VALUES ('330102009', 'TOWN', 'x', '330102')");
  }

  @Test
  void schema_scopeOnMissingNode_refusedAndScopedNodeCannotBeDeleted() {
    importer.importCsv(new StringReader("code,name\n330102,a\n"), false, GridScope.all(), "t");
    long user = user("scoped");
    assertThatThrownBy(() -> jdbc.update("INSERT INTO app_user_scope (user_id, grid_code) "
        + "VALUES (?, '330199')", user)).isInstanceOf(DataIntegrityViolationException.class);
    jdbc.update("INSERT INTO app_user_scope (user_id, grid_code) VALUES (?, '330102')", user);
    assertThat(repository.scopeUserCount("330102")).isEqualTo(1);
    assertThatThrownBy(() -> repository.delete("330102"))
        .isInstanceOf(DataIntegrityViolationException.class);
  }

  @Test
  void leaderAndMembers_setListedAndGoneWithTheirUser() {
    importCsv("county.csv", false);
    long lead = user("wang");
    long a = user("li");
    long b = user("zhao");
    repository.setLeader("330102001001001", lead);
    repository.setMembers("330102001001001", List.of(b, a));
    assertThat(repository.leader("330102001001001", GridScope.all())).hasValue("wang");
    assertThat(repository.members("330102001001001", GridScope.all())).containsExactly("li", "zhao");
    assertThat(repository.members("330102001001001", GridScope.of(Set.of("330102002")))).isEmpty();
    assertThat(repository.userIds(List.of("li", "nobody"))).containsOnlyKeys("li");
    jdbc.update("DELETE FROM app_user WHERE id IN (?, ?)", lead, a);
    assertThat(repository.leader("330102001001001", GridScope.all())).isEmpty();
    assertThat(repository.members("330102001001001", GridScope.all())).containsExactly("zhao");
    repository.setMembers("330102001001001", List.of());
    assertThat(repository.members("330102001001001", GridScope.all())).isEmpty();
  }

  @Test
  void existsAndIsGridOfLevel_unscoped() {
    importCsv("county.csv", false);
    assertThat(repository.exists("330102001001001")).isTrue();
    assertThat(repository.exists("330102001001099")).isFalse();
    assertThat(repository.exists("not a code")).isFalse();
    assertThat(repository.isGridOfLevel("330102001001001", Level.GRID)).isTrue();
    assertThat(repository.isGridOfLevel("330102001001", Level.GRID)).isFalse();
    assertThat(repository.isGridOfLevel("330102001001", Level.VILLAGE)).isTrue();
    assertThat(repository.isGridOfLevel("330102001001099", Level.GRID)).isFalse();
  }

  @Test
  void importCsv_demoCounty_importsAndHoldsTheDemoGatewaysGrid() throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/demo/grids.csv")) {
      GridImportReport report = importer.importCsv(new InputStreamReader(in,
          StandardCharsets.UTF_8), false, GridScope.all(), "system");
      assertThat(report.problems()).isEmpty();
      assertThat(report.imported()).isEqualTo(15);
    }
    assertThat(repository.isGridOfLevel("330102001001001", Level.GRID)).isTrue();
    assertThat(repository.isGridOfLevel("330102001001", Level.VILLAGE)).isTrue();
    assertThat(count(Level.GRID)).isEqualTo(8);
  }

  long user(String name) {
    jdbc.update("INSERT INTO app_user (username, password_hash) VALUES (?, '{noop}x')", name);
    return jdbc.queryForObject("SELECT id FROM app_user WHERE username = ?", Long.class, name);
  }
}
