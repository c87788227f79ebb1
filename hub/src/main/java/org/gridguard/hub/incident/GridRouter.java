package org.gridguard.hub.incident;

import java.util.List;
import java.util.function.Predicate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Which grid an incident belongs to: the GRID node of the same village whose polygon contains
 * the location, when a location is given and a polygon matches; else the given grid. The
 * candidates are the village's grids (a few dozen polygons), tested in Java.
 */
@Component
class GridRouter {
  private static final int VILLAGE = 12;

  private final JdbcTemplate jdbc;

  GridRouter(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * @param gridCode an existing GRID node (15 digits)
   * @param allowed which grids the result may be (e.g. the reporter's scope)
   */
  String route(String gridCode, Double lat, Double lon, Predicate<String> allowed) {
    if (lat == null || lon == null) {
      return gridCode;
    }
    record Candidate(String code, String polygon) {}
    List<Candidate> candidates = jdbc.query("SELECT code, polygon FROM grid_node WHERE level = "
        + "'GRID' AND code LIKE ? AND polygon IS NOT NULL ORDER BY code",
        (rs, i) -> new Candidate(rs.getString(1), rs.getString(2)),
        gridCode.substring(0, VILLAGE) + "%");
    for (Candidate c : candidates) {
      if (allowed.test(c.code()) && PointInPolygon.contains(c.polygon(), lat, lon)) {
        return c.code();
      }
    }
    return gridCode;
  }
}
