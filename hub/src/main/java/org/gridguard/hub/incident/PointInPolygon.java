package org.gridguard.hub.incident;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Whether a WGS-84 point lies inside a GeoJSON Polygon or MultiPolygon (as grid nodes store
 * them: lon/lat positions, closed rings, holes after the outer ring). Even–odd ray casting over
 * all rings of a polygon, so holes are outside. Points exactly on an edge may go either way.
 */
final class PointInPolygon {
  private static final ObjectMapper JSON = new ObjectMapper();

  private PointInPolygon() {}

  /** @return false for text that is not a Polygon or MultiPolygon */
  static boolean contains(String geometry, double lat, double lon) {
    JsonNode root;
    try {
      root = JSON.readTree(geometry);
    } catch (Exception e) {
      return false;
    }
    JsonNode coordinates = root.path("coordinates");
    return switch (root.path("type").asText()) {
      case "Polygon" -> inPolygon(coordinates, lat, lon);
      case "MultiPolygon" -> {
        for (JsonNode polygon : coordinates) {
          if (inPolygon(polygon, lat, lon)) {
            yield true;
          }
        }
        yield false;
      }
      default -> false;
    };
  }

  private static boolean inPolygon(JsonNode rings, double lat, double lon) {
    boolean inside = false;
    for (JsonNode ring : rings) {
      int n = ring.size();
      for (int i = 0, j = n - 1; i < n; j = i++) {
        double xi = ring.get(i).get(0).asDouble();
        double yi = ring.get(i).get(1).asDouble();
        double xj = ring.get(j).get(0).asDouble();
        double yj = ring.get(j).get(1).asDouble();
        if ((yi > lat) != (yj > lat) && lon < (xj - xi) * (lat - yi) / (yj - yi) + xi) {
          inside = !inside;
        }
      }
    }
    return inside;
  }
}
