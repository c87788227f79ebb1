package org.gridguard.hub.grid;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * GeoJSON Polygon and MultiPolygon geometries (RFC 7946 §3.1.6, §3.1.7) as grid boundaries:
 * checked (WGS-84 longitude −180..180 and latitude −90..90, rings of at least four positions and
 * closed, at most {@link #MAX_POSITIONS} positions) and written as one canonical compact text —
 * {@code {"type":…,"coordinates":…}}, numbers spelled exactly as they came, other members
 * ({@code bbox}, foreign members) dropped — so the stored and exported text is the same whichever
 * way the input spelled it, and export → import → export is exact. Winding order and
 * self-intersection are not checked (RFC 7946 §3.1.6 asks parsers not to reject by winding).
 *
 * <p>Reading is streaming: coordinates are collected as they come and collecting stops past the
 * position limit (the rest is only skipped), so a huge geometry costs no more memory than a legal
 * one.
 */
final class GeoJsonGeometry {
  /** Most positions a boundary may have (all rings of all polygons together). */
  static final int MAX_POSITIONS = 10_000;
  /** Longest canonical text (the column is VARCHAR(1000000)). */
  static final int MAX_CHARS = 1_000_000;
  private static final int MAX_DEPTH = 4; // MultiPolygon: polygons → rings → positions → numbers
  private static final Set<String> TYPES = Set.of("Polygon", "MultiPolygon");

  /** Parsers of this package: limits on strings and nesting far above any legal input. */
  static final JsonFactory JSON = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxStringLength(2 * MAX_CHARS).maxNestingDepth(64).maxNumberLength(64).build())
      .build();

  /** Why a geometry was refused; the message names where inside it (e.g. {@code coordinates[0]}). */
  static final class InvalidGeometryException extends IllegalArgumentException {
    InvalidGeometryException(String message) {
      super(message);
    }
  }

  private GeoJsonGeometry() {}

  /**
   * The canonical text of a geometry given as JSON text; {@code null} for the JSON literal null.
   *
   * @throws InvalidGeometryException if it is not JSON or not a valid Polygon/MultiPolygon
   */
  static String canonical(String text) {
    if (text.length() > 2 * MAX_CHARS) {
      throw new InvalidGeometryException("longer than " + 2 * MAX_CHARS + " characters");
    }
    try (JsonParser parser = JSON.createParser(text)) {
      if (parser.nextToken() == null) {
        throw new InvalidGeometryException("empty: expected a GeoJSON Polygon or MultiPolygon");
      }
      String canonical = read(parser);
      if (parser.nextToken() != null) {
        throw new InvalidGeometryException("unexpected content after the geometry, at character "
            + (parser.currentTokenLocation().getCharOffset() + 1));
      }
      return canonical;
    } catch (JsonProcessingException e) {
      throw new InvalidGeometryException("not valid JSON: " + e.getOriginalMessage()
          + " (at character " + (e.getLocation() == null ? "?"
              : String.valueOf(e.getLocation().getCharOffset() + 1)) + ")");
    } catch (IOException e) {
      throw new IllegalStateException("reading a string cannot fail", e);
    }
  }

  /**
   * Reads the geometry value at the parser's current token (an object, or null → {@code null})
   * and returns its canonical text. The whole value is consumed even when it is refused, so the
   * parser stays in step with the surrounding document.
   *
   * @throws InvalidGeometryException if the value is not a valid Polygon/MultiPolygon
   * @throws IOException if the JSON itself is broken (the surrounding document cannot go on)
   */
  static String read(JsonParser parser) throws IOException {
    JsonToken start = parser.currentToken();
    if (start == JsonToken.VALUE_NULL) {
      return null;
    }
    if (start != JsonToken.START_OBJECT) {
      parser.skipChildren();
      throw new InvalidGeometryException("expected a GeoJSON geometry object, found "
          + describe(start));
    }
    Collector in = new Collector();
    String type = null;
    Object coordinates = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String member = parser.currentName();
      JsonToken value = parser.nextToken();
      if ("type".equals(member)) {
        if (value == JsonToken.VALUE_STRING) {
          type = parser.getText();
        } else {
          in.fail("type must be a string, found " + describe(value));
          parser.skipChildren();
        }
      } else if ("coordinates".equals(member)) {
        if (value == JsonToken.START_ARRAY) {
          coordinates = in.array(parser, "coordinates", 1);
        } else {
          in.fail("coordinates must be an array, found " + describe(value));
          parser.skipChildren();
        }
      } else {
        parser.skipChildren();
      }
    }
    if (in.error != null) {
      throw new InvalidGeometryException(in.error);
    }
    if (type == null) {
      throw new InvalidGeometryException("type missing: expected Polygon or MultiPolygon");
    }
    if (!TYPES.contains(type)) {
      throw new InvalidGeometryException("type must be Polygon or MultiPolygon, found '"
          + type + "'");
    }
    if (coordinates == null) {
      throw new InvalidGeometryException("coordinates missing");
    }
    if (in.overflow) {
      throw new InvalidGeometryException("more than " + MAX_POSITIONS + " positions");
    }
    StringBuilder out = new StringBuilder("{\"type\":\"").append(type).append("\",\"coordinates\":");
    CanonicalCoordinates writer = new CanonicalCoordinates(out);
    if (type.equals("Polygon")) {
      writer.polygon(coordinates, "coordinates");
    } else {
      List<?> polygons = CanonicalCoordinates.list(coordinates, "coordinates", "an array of polygons");
      if (polygons.isEmpty()) {
        throw new InvalidGeometryException("coordinates: a MultiPolygon needs at least one polygon");
      }
      out.append('[');
      for (int i = 0; i < polygons.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        writer.polygon(polygons.get(i), "coordinates[" + i + "]");
      }
      out.append(']');
    }
    out.append('}');
    if (out.length() > MAX_CHARS) {
      throw new InvalidGeometryException("longer than " + MAX_CHARS + " characters");
    }
    return out.toString();
  }

  static String describe(JsonToken token) {
    if (token == null) {
      return "the end of the input";
    }
    return switch (token) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> token.asString() == null ? token.name() : token.asString();
    };
  }

  /** Collects nested coordinate arrays (numbers as their text), bounded. */
  private static final class Collector {
    private String error;
    private boolean overflow;
    private int numbers;

    void fail(String message) {
      if (error == null) {
        error = message;
      }
    }

    List<Object> array(JsonParser parser, String path, int depth) throws IOException {
      List<Object> items = new ArrayList<>();
      int i = 0;
      for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken(), i++) {
        String at = path + "[" + i + "]";
        if (t == JsonToken.START_ARRAY) {
          if (depth >= MAX_DEPTH) {
            fail(at + ": nested deeper than a MultiPolygon's coordinates");
            parser.skipChildren();
          } else {
            List<Object> inner = array(parser, at, depth + 1);
            if (!overflow) {
              items.add(inner);
            }
          }
        } else if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
          if (++numbers > 3 * MAX_POSITIONS) {
            overflow = true;
          } else if (!overflow) {
            items.add(parser.getText());
          }
        } else {
          fail(at + ": expected a number or an array, found " + describe(t));
          parser.skipChildren();
        }
      }
      return items;
    }
  }
}
