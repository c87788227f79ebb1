package org.gridguard.hub.grid;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.gridguard.hub.security.HubPrincipal;
import org.gridguard.hub.value.GridCode;
import org.gridguard.hub.value.GridCode.Level;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code /api/v1/grids}: the grid hierarchy, scoped to the caller (nodes outside it are 404),
 * bulk import and export. Errors are {@link ResponseStatusException}s with a detail for people;
 * an import with problems answers 422 with its report.
 */
@RestController
@RequestMapping("/api/v1/grids")
class GridController {
  /** A new node; level and parent may be left out (they follow from the code). */
  record NewGrid(String code, String name, String parent, String level, JsonNode polygon) {}

  /** A node's changeable fields; a missing polygon removes it. */
  record GridChange(String name, JsonNode polygon) {}

  record LeaderChange(String username) {}

  record MembersChange(List<String> usernames) {}

  record Summary(String code, Level level, String name, String parent, boolean hasPolygon) {
    static Summary of(GridSummary s) {
      return new Summary(s.code(), s.level(), s.name(), s.parent(), s.hasPolygon());
    }
  }

  record Page(List<Summary> items, long total, int page, int size) {}

  record Detail(String code, Level level, String name, String parent,
      @JsonRawValue String polygon, String leader, List<String> members) {}

  record Leader(String code, String leader) {}

  record Members(String code, List<String> members) {}

  private final GridRepository repository;
  private final GridEditor editor;
  private final GridImporter importer;
  private final GridExporter exporter;

  GridController(GridRepository repository, GridEditor editor, GridImporter importer,
      GridExporter exporter) {
    this.repository = repository;
    this.editor = editor;
    this.importer = importer;
    this.exporter = exporter;
  }

  @GetMapping
  @PreAuthorize("isAuthenticated()")
  Page list(@RequestParam(required = false) String parent,
      @RequestParam(required = false) String level, @RequestParam(required = false) String q,
      @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size,
      @AuthenticationPrincipal HubPrincipal caller) {
    GridQuery query;
    try {
      query = new GridQuery(blankToNull(parent), level == null || level.isBlank() ? null
          : parseLevel(level), q, page, size);
    } catch (IllegalArgumentException e) {
      throw badRequest(e.getMessage());
    }
    GridPage result = repository.list(caller.scope(), query);
    return new Page(result.items().stream().map(Summary::of).toList(), result.total(),
        result.page(), result.size());
  }

  @GetMapping("/{code}")
  @PreAuthorize("isAuthenticated()")
  Detail get(@PathVariable String code, @AuthenticationPrincipal HubPrincipal caller) {
    GridNode node = visible(code, caller);
    return new Detail(node.code(), node.level(), node.name(), node.parentCode(), node.polygon(),
        repository.leader(code, caller.scope()).orElse(null),
        repository.members(code, caller.scope()));
  }

  @GetMapping("/{code}/children")
  @PreAuthorize("isAuthenticated()")
  List<Summary> children(@PathVariable String code, @AuthenticationPrincipal HubPrincipal caller) {
    visible(code, caller);
    return repository.children(code, caller.scope()).stream().map(Summary::of).toList();
  }

  @PostMapping
  @PreAuthorize("hasRole('ADMIN')")
  ResponseEntity<Detail> create(@RequestBody NewGrid body,
      @AuthenticationPrincipal HubPrincipal caller, HttpServletRequest request) {
    GridNode node;
    try {
      node = GridNode.fromInput(body.code(), body.name(), body.parent(), body.level(),
          geometry(body.polygon()));
    } catch (InvalidGridNodeException e) {
      throw badRequest(e.getMessage());
    }
    GridNode created = editor.create(node, caller(caller, request));
    return ResponseEntity.status(HttpStatus.CREATED).body(new Detail(created.code(),
        created.level(), created.name(), created.parentCode(), created.polygon(), null, List.of()));
  }

  @PutMapping("/{code}")
  @PreAuthorize("hasRole('ADMIN')")
  Detail update(@PathVariable String code, @RequestBody GridChange body,
      @AuthenticationPrincipal HubPrincipal caller, HttpServletRequest request) {
    checkCode(code);
    GridNode n = editor.update(code, body.name(), geometry(body.polygon()),
        caller(caller, request));
    return new Detail(n.code(), n.level(), n.name(), n.parentCode(), n.polygon(),
        repository.leader(code, caller.scope()).orElse(null),
        repository.members(code, caller.scope()));
  }

  @DeleteMapping("/{code}")
  @PreAuthorize("hasRole('ADMIN')")
  ResponseEntity<Void> delete(@PathVariable String code,
      @AuthenticationPrincipal HubPrincipal caller, HttpServletRequest request) {
    checkCode(code);
    editor.delete(code, caller(caller, request));
    return ResponseEntity.noContent().build();
  }

  @PutMapping("/{code}/leader")
  @PreAuthorize("hasRole('ADMIN')")
  Leader setLeader(@PathVariable String code, @RequestBody LeaderChange body,
      @AuthenticationPrincipal HubPrincipal caller, HttpServletRequest request) {
    checkCode(code);
    return new Leader(code, editor.setLeader(code, body.username(), caller(caller, request))
        .orElse(null));
  }

  @PutMapping("/{code}/members")
  @PreAuthorize("hasRole('ADMIN')")
  Members setMembers(@PathVariable String code, @RequestBody MembersChange body,
      @AuthenticationPrincipal HubPrincipal caller, HttpServletRequest request) {
    checkCode(code);
    return new Members(code, editor.setMembers(code, body.usernames(), caller(caller, request)));
  }

  /** The raw body is streamed from the request into the importer (never held whole). */
  @PostMapping("/import")
  @PreAuthorize("hasRole('ADMIN')")
  ResponseEntity<GridImportReport> importGrids(@RequestParam String format,
      @RequestParam(defaultValue = "false") boolean skipBadRows,
      @AuthenticationPrincipal HubPrincipal caller, HttpServletRequest request) {
    GridFormat f = format(format);
    String type = request.getContentType();
    if (type != null && (type.startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE)
        || type.startsWith(MediaType.MULTIPART_FORM_DATA_VALUE))) {
      // the servlet container has read such a body as form parameters: the file is gone
      throw new ResponseStatusException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "send the file itself "
          + "as the request body (Content-Type text/csv or application/geo+json), not as a form; "
          + "curl: --data-binary @grids.csv -H 'Content-Type: text/csv'");
    }
    GridImportReport report;
    try {
      report = importer.importBody(f, request.getInputStream(), skipBadRows, caller.scope(),
          caller.username(), request.getRemoteAddr());
    } catch (IOException | UncheckedIOException e) {
      // the cause stays attached: a body past gridguard.security.max-import-body shows in it
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "could not read the request "
          + "body: " + e.getMessage(), e);
    }
    return report.stored() ? ResponseEntity.ok(report)
        : ResponseEntity.unprocessableEntity().body(report);
  }

  @GetMapping("/export")
  @PreAuthorize("hasAnyRole('ADMIN','VIEWER','DISPATCHER')")
  void export(@RequestParam String format, @AuthenticationPrincipal HubPrincipal caller,
      HttpServletResponse response) throws IOException {
    GridFormat f = format(format);
    String file = f == GridFormat.CSV ? "grids.csv" : "grids.geojson";
    response.setContentType(f == GridFormat.CSV ? "text/csv;charset=UTF-8"
        : "application/geo+json");
    response.setHeader("Content-Disposition", "attachment; filename=\"" + file + "\"");
    if (f == GridFormat.CSV) {
      exporter.writeCsv(caller.scope(), response.getOutputStream());
    } else {
      exporter.writeGeoJson(caller.scope(), response.getOutputStream());
    }
  }

  private GridNode visible(String code, HubPrincipal caller) {
    checkCode(code);
    return repository.find(code, caller.scope()).orElseThrow(() ->
        new ResponseStatusException(HttpStatus.NOT_FOUND, "no grid node " + code));
  }

  private static void checkCode(String code) {
    if (!GridCode.isValid(code)) {
      throw badRequest("'" + code + "': " + GridCode.rule());
    }
  }

  private static GridEditor.Caller caller(HubPrincipal caller, HttpServletRequest request) {
    return new GridEditor.Caller(caller.username(), request.getRemoteAddr(), caller.scope());
  }

  /** A geometry given as a JSON object, or as GeoJSON text in a string. */
  private static String geometry(JsonNode polygon) {
    if (polygon == null || polygon.isNull()) {
      return null;
    }
    return polygon.isTextual() ? polygon.textValue() : polygon.toString();
  }

  private static GridFormat format(String format) {
    try {
      return GridFormat.parse(format);
    } catch (IllegalArgumentException e) {
      throw badRequest(e.getMessage());
    }
  }

  private static Level parseLevel(String level) {
    try {
      return Level.valueOf(level.strip().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("level must be COUNTY, TOWN, VILLAGE or GRID, found '"
          + level + "'");
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  private static ResponseStatusException badRequest(String detail) {
    return new ResponseStatusException(HttpStatus.BAD_REQUEST, detail);
  }
}
