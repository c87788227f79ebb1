package org.gridguard.hub.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gridguard.hub.incident.IncidentQuery;
import org.gridguard.hub.incident.IncidentState;
import org.gridguard.hub.incident.StepClock;
import org.gridguard.hub.value.GridCode;

/**
 * The queue's filter form as typed in the browser (all text, any may be empty), checked into an
 * {@link IncidentQuery}. Every bad field is named in {@link #problems()} with what is allowed, and
 * is left out of the query, so the page still shows the rest.
 */
public record QueueFilter(String state, String priority, String category, String grid, String overdue,
    String colour, int page) {
  public record Problem(String field, String messageKey, String value) {}

  public QueueFilter {
    state = blankToNull(state);
    priority = blankToNull(priority);
    category = blankToNull(category);
    grid = blankToNull(grid);
    overdue = blankToNull(overdue);
    colour = blankToNull(colour);
    page = Math.max(0, Math.min(page, 100_000));
  }

  List<Problem> problems() {
    List<Problem> p = new ArrayList<>();
    if (state != null && parseState() == null) {
      p.add(new Problem("state", "filter.error.state", state));
    }
    if (priority != null && parsePriority() == null) {
      p.add(new Problem("priority", "filter.error.priority", priority));
    }
    if (category != null && !category.matches("[0-9]{4}")) {
      p.add(new Problem("category", "filter.error.category", category));
    }
    if (grid != null && !GridCode.isValid(grid)) {
      p.add(new Problem("grid", "filter.error.grid", grid));
    }
    if (overdue != null && !overdue.equals("true") && !overdue.equals("false")) {
      p.add(new Problem("overdue", "filter.error.overdue", overdue));
    }
    if (colour != null && parseColour() == null) {
      p.add(new Problem("colour", "filter.error.colour", colour));
    }
    return p;
  }

  IncidentQuery query(int size) {
    return new IncidentQuery(parseState(), parsePriority(),
        category != null && category.matches("[0-9]{4}") ? category : null,
        grid != null && GridCode.isValid(grid) ? grid : null,
        "true".equals(overdue) ? Boolean.TRUE : "false".equals(overdue) ? Boolean.FALSE : null,
        parseColour(), page, size);
  }

  /** The same filters on another page, as a query string for links. */
  public String queryString(int toPage) {
    StringBuilder s = new StringBuilder("?page=").append(toPage);
    append(s, "state", state);
    append(s, "priority", priority);
    append(s, "category", category);
    append(s, "grid", grid);
    append(s, "overdue", overdue);
    append(s, "colour", colour);
    return s.toString();
  }

  private static void append(StringBuilder s, String name, String value) {
    if (value != null) {
      s.append('&').append(name).append('=')
          .append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  private IncidentState parseState() {
    try {
      return state == null ? null : IncidentState.valueOf(state.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private Integer parsePriority() {
    if (priority == null || !priority.matches("[1-4]")) {
      return null;
    }
    return Integer.parseInt(priority);
  }

  private StepClock.Colour parseColour() {
    try {
      return colour == null ? null : StepClock.Colour.valueOf(colour.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
