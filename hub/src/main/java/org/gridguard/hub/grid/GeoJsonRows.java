package org.gridguard.hub.grid;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Grid rows from a GeoJSON FeatureCollection, read with Jackson's streaming parser one feature at
 * a time (never the whole document): {@code properties.code}, {@code .name}, {@code .parent},
 * {@code .level} (other properties are ignored) and the {@code geometry} as the polygon. Broken
 * JSON cannot be read on and ends the import; a feature with wrong content is a row problem.
 */
final class GeoJsonRows implements GridRowSource {
  /** The properties read, in the order of {@link GridRow}'s fields. */
  private static final List<String> PROPERTIES = List.of("code", "name", "parent", "level");

  private enum State { BEFORE, FEATURES, DONE }

  private final JsonParser parser;
  private State state = State.BEFORE;
  private boolean typeSeen;
  private int features;

  GeoJsonRows(InputStream in) throws IOException {
    this.parser = GeoJsonGeometry.JSON.createParser(in);
  }

  @Override
  public GridFormat format() {
    return GridFormat.GEOJSON;
  }

  @Override
  public GridRow next() throws IOException {
    try {
      if (state == State.BEFORE) {
        start();
      }
      if (state != State.FEATURES) {
        return null;
      }
      JsonToken t = parser.nextToken();
      if (t == JsonToken.START_OBJECT) {
        return feature(++features);
      }
      if (t != JsonToken.END_ARRAY) {
        throw fatal(features + 1, "expected a Feature object, found "
            + GeoJsonGeometry.describe(t));
      }
      state = State.DONE;
      rootMembers();
      return null;
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw fatal(state == State.FEATURES ? features : null, "not valid JSON: "
          + e.getOriginalMessage() + (at == null ? ""
              : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
    }
  }

  private void start() throws IOException {
    JsonToken t = parser.nextToken();
    if (t != JsonToken.START_OBJECT) {
      throw fatal(null, "expected a GeoJSON FeatureCollection object, found "
          + GeoJsonGeometry.describe(t));
    }
    if (!rootMembers()) {
      state = State.FEATURES;
    }
  }

  /**
   * Reads members of the root object up to {@code features} (returns false there) or its end
   * (returns true, after checking the type and that nothing follows).
   */
  private boolean rootMembers() throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String member = parser.currentName();
      JsonToken value = parser.nextToken();
      if (member.equals("type")) {
        if (value != JsonToken.VALUE_STRING || !parser.getText().equals("FeatureCollection")) {
          throw fatal(null, "type must be \"FeatureCollection\", found "
              + (value == JsonToken.VALUE_STRING ? "\"" + parser.getText() + "\""
                  : GeoJsonGeometry.describe(value)));
        }
        typeSeen = true;
      } else if (member.equals("features") && state == State.BEFORE) {
        if (value != JsonToken.START_ARRAY) {
          throw fatal(null, "features must be an array, found " + GeoJsonGeometry.describe(value));
        }
        return false;
      } else {
        parser.skipChildren();
      }
    }
    if (state == State.BEFORE) {
      throw fatal(null, "no features array in the FeatureCollection");
    }
    if (!typeSeen) {
      throw fatal(null, "type missing: expected \"type\": \"FeatureCollection\"");
    }
    if (parser.nextToken() != null) {
      throw fatal(null, "unexpected content after the FeatureCollection");
    }
    return true;
  }

  private GridRow feature(int number) throws IOException {
    List<FieldProblem> problems = new ArrayList<>();
    String[] values = new String[4]; // code, name, parent, level
    String polygon = null;
    boolean polygonGiven = false;
    boolean typeSeen = false;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String member = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (member) {
        case "type" -> {
          typeSeen = true;
          if (value != JsonToken.VALUE_STRING || !parser.getText().equals("Feature")) {
            problems.add(new FieldProblem("type", "must be \"Feature\", found "
                + (value == JsonToken.VALUE_STRING ? "\"" + parser.getText() + "\""
                    : GeoJsonGeometry.describe(value))));
            parser.skipChildren();
          }
        }
        case "properties" -> properties(value, values, problems);
        case "geometry" -> {
          polygonGiven = true;
          try {
            polygon = GeoJsonGeometry.read(parser);
          } catch (GeoJsonGeometry.InvalidGeometryException e) {
            problems.add(new FieldProblem("polygon", e.getMessage()));
          }
        }
        default -> parser.skipChildren();
      }
    }
    if (!typeSeen) {
      problems.add(new FieldProblem("type", "missing: expected \"type\": \"Feature\""));
    }
    return new GridRow(number, values[0], values[1], values[2], values[3], polygon, polygonGiven,
        true, problems);
  }

  private void properties(JsonToken start, String[] values, List<FieldProblem> problems)
      throws IOException {
    if (start == JsonToken.VALUE_NULL) {
      return;
    }
    if (start != JsonToken.START_OBJECT) {
      problems.add(new FieldProblem("properties", "must be an object, found "
          + GeoJsonGeometry.describe(start)));
      parser.skipChildren();
      return;
    }
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      if (!PROPERTIES.contains(name)) {
        parser.skipChildren();
        continue;
      }
      int index = PROPERTIES.indexOf(name);
      boolean codeLike = index == 0 || index == 2;
      if (value == JsonToken.VALUE_STRING || codeLike && value == JsonToken.VALUE_NUMBER_INT) {
        values[index] = parser.getText();
      } else if (value != JsonToken.VALUE_NULL) {
        problems.add(new FieldProblem(name, "must be a string, found "
            + GeoJsonGeometry.describe(value)));
        parser.skipChildren();
      }
    }
  }

  private UnreadableInputException fatal(Integer feature, String reason) {
    return new UnreadableInputException(GridFormat.GEOJSON.problem(feature, null, reason));
  }
}
