package org.gridguard.hub.incident;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a year's calendar (the State Council's holiday notice as data): CSV with the header
 * {@code date,kind,name} (UTF-8, a BOM allowed, name optional, no quoting needed — names do not
 * contain commas) or a JSON array of {@code {"date","kind","name"}}. Every bad line is reported
 * with its line (or index); nothing is taken unless all are good.
 */
final class CalendarImport {
  record Problem(String where, String reason) {}

  record Result(List<CalendarDay> days, List<Problem> problems) {}

  private CalendarImport() {}

  static Result csv(String text, int maxRows) {
    List<CalendarDay> days = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    String[] lines = text.replace("\uFEFF", "").split("\r?\n", -1);
    if (lines.length == 0 || !lines[0].strip().equalsIgnoreCase("date,kind,name")
        && !lines[0].strip().equalsIgnoreCase("date,kind")) {
      problems.add(new Problem("line 1", "the header must be date,kind,name"));
      return new Result(List.of(), problems);
    }
    Set<LocalDate> seen = new HashSet<>();
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] f = line.split(",", -1);
      String where = "line " + (i + 1);
      if (f.length < 2 || f.length > 3) {
        problems.add(new Problem(where, "expected date,kind,name, found " + f.length + " fields"));
        continue;
      }
      add(days, problems, seen, where, f[0], f[1], f.length == 3 ? f[2] : null, maxRows);
    }
    return new Result(days, problems);
  }

  static Result json(String text, ObjectMapper mapper, int maxRows) {
    List<CalendarDay> days = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    JsonNode root;
    try {
      root = mapper.readTree(text);
    } catch (Exception e) {
      problems.add(new Problem("body", "not valid JSON"));
      return new Result(days, problems);
    }
    if (root == null || !root.isArray()) {
      problems.add(new Problem("body", "expected an array of {\"date\",\"kind\",\"name\"}"));
      return new Result(days, problems);
    }
    Set<LocalDate> seen = new HashSet<>();
    for (int i = 0; i < root.size(); i++) {
      JsonNode n = root.get(i);
      String where = "[" + i + "]";
      if (!n.isObject()) {
        problems.add(new Problem(where, "expected an object"));
        continue;
      }
      List<String> unknown = new ArrayList<>();
      n.fieldNames().forEachRemaining(name -> {
        if (!Set.of("date", "kind", "name").contains(name)) {
          unknown.add(name);
        }
      });
      if (!unknown.isEmpty()) {
        problems.add(new Problem(where, "unknown field(s) " + unknown));
        continue;
      }
      add(days, problems, seen, where, n.path("date").isTextual() ? n.get("date").asText() : null,
          n.path("kind").isTextual() ? n.get("kind").asText() : null,
          n.path("name").isTextual() ? n.get("name").asText() : null, maxRows);
    }
    return new Result(days, problems);
  }

  private static void add(List<CalendarDay> days, List<Problem> problems, Set<LocalDate> seen,
      String where, String date, String kind, String name, int maxRows) {
    if (days.size() >= maxRows) {
      if (days.size() == maxRows) {
        problems.add(new Problem(where, "more than " + maxRows + " dates in one import"));
      }
      return;
    }
    LocalDate d;
    try {
      d = LocalDate.parse(date == null ? "" : date.strip());
    } catch (DateTimeParseException e) {
      problems.add(new Problem(where, "date: '" + date + "' is not a date like 2026-10-01"));
      return;
    }
    DayKind k;
    try {
      k = DayKind.valueOf(kind == null ? "" : kind.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      problems.add(new Problem(where, "kind: '" + kind + "' is not WORKDAY or HOLIDAY"));
      return;
    }
    if (!seen.add(d)) {
      problems.add(new Problem(where, "date " + d + " appears twice"));
      return;
    }
    try {
      days.add(new CalendarDay(d, k, name == null || name.isBlank() ? null : name.strip()));
    } catch (IllegalArgumentException e) {
      problems.add(new Problem(where, e.getMessage()));
    }
  }
}
