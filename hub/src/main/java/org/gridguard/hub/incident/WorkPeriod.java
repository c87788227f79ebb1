package org.gridguard.hub.incident;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** One work period of a working day, e.g. 08:30–12:00; start before end, within one day. */
record WorkPeriod(LocalTime start, LocalTime end) {
  WorkPeriod {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (!start.isBefore(end)) {
      throw new IllegalArgumentException("work period " + start + "-" + end
          + ": the start must be before the end (periods lie within one day)");
    }
  }

  /** {@code HH:mm-HH:mm}. */
  static WorkPeriod parse(String text) {
    String[] parts = text == null ? new String[0] : text.strip().split("-");
    if (parts.length != 2) {
      throw new IllegalArgumentException("work period '" + text + "': expected HH:mm-HH:mm, "
          + "e.g. 08:30-12:00");
    }
    try {
      return new WorkPeriod(LocalTime.parse(parts[0].strip()), LocalTime.parse(parts[1].strip()));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("work period '" + text + "': expected HH:mm-HH:mm, "
          + "e.g. 08:30-12:00");
    }
  }

  /** The periods sorted, refused if two overlap or there are none. */
  static List<WorkPeriod> validDay(List<WorkPeriod> periods) {
    if (periods.isEmpty()) {
      throw new IllegalArgumentException("work periods: at least one is needed");
    }
    List<WorkPeriod> sorted = new ArrayList<>(periods);
    sorted.sort(Comparator.comparing(WorkPeriod::start));
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i).start().isBefore(sorted.get(i - 1).end())) {
        throw new IllegalArgumentException("work periods " + sorted.get(i - 1) + " and "
            + sorted.get(i) + " overlap");
      }
    }
    return List.copyOf(sorted);
  }

  @Override
  public String toString() {
    return start + "-" + end;
  }
}
