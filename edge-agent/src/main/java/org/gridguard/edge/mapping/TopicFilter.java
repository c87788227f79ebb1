package org.gridguard.edge.mapping;

/**
 * An MQTT topic filter ({@code +} one level, {@code #} the rest, MQTT 3.1.1 §4.7) as used
 * both for the subscription and for choosing a mapping rule.
 */
public record TopicFilter(String filter) {

  public TopicFilter {
    String problem = problem(filter);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
  }

  /** Why {@code filter} is not a valid MQTT topic filter, or {@code null} when it is. */
  static String problem(String filter) {
    if (filter == null || filter.isEmpty()) {
      return "a topic filter must not be empty";
    }
    String[] levels = filter.split("/", -1);
    for (int i = 0; i < levels.length; i++) {
      String level = levels[i];
      if (level.contains("#") && (!level.equals("#") || i != levels.length - 1)) {
        return "'#' must be a whole level and the last one, in '" + filter + "'";
      }
      if (level.contains("+") && !level.equals("+")) {
        return "'+' must be a whole level, in '" + filter + "'";
      }
    }
    return null;
  }

  public boolean matches(String topic) {
    int f = 0;
    int t = 0;
    String[] fl = filter.split("/", -1);
    String[] tl = topic.split("/", -1);
    for (; f < fl.length; f++, t++) {
      if (fl[f].equals("#")) {
        return !(f == 0 && topic.startsWith("$"));
      }
      if (t >= tl.length) {
        return false;
      }
      if (fl[f].equals("+")) {
        if (f == 0 && tl[t].startsWith("$")) {
          return false;
        }
        continue;
      }
      if (!fl[f].equals(tl[t])) {
        return false;
      }
    }
    return t == tl.length;
  }

  @Override
  public String toString() {
    return filter;
  }
}
