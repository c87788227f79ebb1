package org.gridguard.hub.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One read of the hub's {@code /actuator/prometheus}, as a Prometheus server would take it, with
 * what the incident benchmark needs from it: the PRIORITY ack latency histogram, the periodic
 * tasks' runs and the PRIORITY path's meters. One request per snapshot: the actuator's
 * per-meter endpoints cost the hub several times more under load.
 *
 * @param priorityAck upper bound (s) → cumulative count of {@code
 *     gridguard_ingest_ack_latency_seconds{lane="PRIORITY"}}
 * @param tasks task → {runs, seconds, max seconds} of {@code gridguard_task_run_seconds}, summed
 *     over outcomes
 * @param meters meter → {count, sum, max} of the timers and summaries asked for, summed over
 *     their tags
 */
record HubScrape(NavigableMap<Double, Double> priorityAck, Map<String, double[]> tasks,
    Map<String, double[]> meters) {

  private static final Pattern ACK_BUCKET = Pattern.compile(
      "^gridguard_ingest_ack_latency_seconds_bucket\\{([^}]*)\\} ([0-9.E+-]+)$",
      Pattern.MULTILINE);
  private static final Pattern LE = Pattern.compile("le=\"([^\"]+)\"");
  private static final Pattern TASK_RUN = Pattern.compile(
      "^gridguard_task_run_seconds_(count|sum|max)\\{[^}]*task=\"([^\"]+)\"[^}]*\\} "
          + "([0-9.E+-]+)$",
      Pattern.MULTILINE);
  private static final Pattern METER = Pattern.compile(
      "^([a-z_]+)_(count|sum|max)(?:\\{[^}]*\\})? ([0-9.E+-]+)$", Pattern.MULTILINE);

  /** Empty: nothing was read. */
  static HubScrape none() {
    return new HubScrape(new TreeMap<>(), Map.of(), Map.of());
  }

  /** Reads the hub's metrics once (a failure is printed and gives {@link #none()}). */
  static HubScrape read(BenchHub hub, List<String> meters) {
    try {
      long started = System.nanoTime();
      String text = hub.get("/actuator/prometheus");
      System.err.printf("diagnostic: /actuator/prometheus: %d KB, %d lines in %.0f ms%n",
          text.length() / 1024, text.chars().filter(c -> c == '\n').count(),
          (System.nanoTime() - started) / 1e6);
      return parse(text, meters);
    } catch (Exception e) {
      System.err.println("diagnostic: /actuator/prometheus not read: " + e);
      return none();
    }
  }

  static HubScrape parse(String text, List<String> meterNames) {
    NavigableMap<Double, Double> buckets = new TreeMap<>();
    Matcher m = ACK_BUCKET.matcher(text);
    while (m.find()) {
      Matcher le = LE.matcher(m.group(1));
      if (m.group(1).contains("lane=\"PRIORITY\"") && le.find()) {
        buckets.put(le.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY
            : Double.parseDouble(le.group(1)), Double.parseDouble(m.group(2)));
      }
    }
    Map<String, double[]> tasks = new HashMap<>();
    Matcher t = TASK_RUN.matcher(text);
    while (t.find()) {
      add(tasks.computeIfAbsent(t.group(2), k -> new double[3]), t.group(1), t.group(3));
    }
    Map<String, double[]> meters = new HashMap<>();
    Matcher s = METER.matcher(text);
    while (s.find()) {
      if (meterNames.contains(s.group(1))) {
        add(meters.computeIfAbsent(s.group(1), k -> new double[3]), s.group(2), s.group(3));
      }
    }
    return new HubScrape(buckets, tasks, meters);
  }

  private static void add(double[] v, String statistic, String number) {
    double value = Double.parseDouble(number);
    switch (statistic) {
      case "count" -> v[0] += value;
      case "sum" -> v[1] += value;
      default -> v[2] = Math.max(v[2], value);
    }
  }

  /** {count, sum, max} of the meter (zeros if it was not in the scrape). */
  double[] meter(String name) {
    return meters.getOrDefault(name, new double[3]);
  }
}
