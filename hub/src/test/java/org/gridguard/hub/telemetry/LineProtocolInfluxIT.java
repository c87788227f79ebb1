package org.gridguard.hub.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.gridguard.protocol.StorageRules;
import org.gridguard.protocol.TelemetryNames;
import org.gridguard.protocol.v1.Reading;
import org.gridguard.protocol.v1.Record;
import org.gridguard.protocol.v1.Telemetry;
import org.gridguard.testkit.InfluxDbServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Property: every telemetry name {@link TelemetryNames} accepts, as measurement (device type),
 * device tag and field key (metric), goes through {@link LineProtocol} and the hub's real v1
 * writer into the real influxd and reads back by its exact name; every name it refuses is
 * refused by {@link LineProtocol#append} with the rule's reason, before anything is written.
 * Names are drawn from a wide alphabet: ASCII with spaces, commas, {@code =}, both quotes,
 * backslashes and {@code #}, control characters, CJK, emoji, combining marks, right-to-left
 * script and Unicode spaces.
 */
class LineProtocolInfluxIT {
  private static final String DB = "gg_names";
  private static final int SAMPLES = 600;
  private static final String SPECIAL = " ,=\"'\\#";
  @RegisterExtension static final InfluxDbServer influxd = new InfluxDbServer();
  private final ObjectMapper json = new ObjectMapper();

  private record Sample(int i, String measurement, String device, String field, Record record) {}

  @Test
  void append_randomNames_acceptedOnesReadBackExactlyRefusedOnesNamedByTheRule()
      throws Exception {
    long seed = Long.getLong("gridguard.test.seed", System.nanoTime()); // printed on failure
    SplittableRandom random = new SplittableRandom(seed);
    List<Sample> accepted = new ArrayList<>();
    StringBuilder lines = new StringBuilder();
    int refused = 0;
    LineProtocol.GatewayTags tags = LineProtocol.GatewayTags.of("330102001001", "gw-prop");
    for (int i = 0; i < SAMPLES; i++) {
      String measurement = name(random);
      String device = name(random);
      // InfluxDB refuses a field named "time" (400: dead-lettered by the pipeline, not ours)
      String field = random.nextBoolean() ? "value" : name(random).replace("time", "tIme");
      Record record = Record.newBuilder().setSequence(i + 1)
          .setCaptureTimeMs(1_700_000_000_000L + i).setDeviceId(device)
          .setTelemetry(Telemetry.newBuilder().setDeviceType(measurement)
              .addReadings(Reading.newBuilder().setMetric(field).setInteger(i))).build();
      StringBuilder line = new StringBuilder();
      String problem = LineProtocol.append(line, tags, record);
      String rule = StorageRules.problem(record);
      assertThat(problem).as("seed %d: %s", seed, record).isEqualTo(rule);
      if (problem != null) {
        assertThat(line).isEmpty();
        refused++;
        continue;
      }
      accepted.add(new Sample(i, measurement, device, field, record));
      lines.append(lines.isEmpty() ? "" : "\n").append(line);
    }
    assertThat(refused).as("seed %d: refused", seed).isBetween(SAMPLES / 10, SAMPLES * 9 / 10);

    InfluxV1Writer writer = new InfluxV1Writer(new InfluxProperties(influxd.url(),
        InfluxProperties.Api.V1, DB, "", "", "", "", "", "", true, 5000, Duration.ofMillis(20),
        100_000, 1, InfluxProperties.ContentEncoding.IDENTITY, Duration.ofMillis(100),
        Duration.ofSeconds(1), Duration.ofSeconds(10)));
    writer.prepare();
    assertThat(writer.write(List.of(lines.toString()))).as("seed %d", seed)
        .isInstanceOf(WriteOutcome.Written.class);

    for (Sample s : accepted) {
      String q = "SELECT " + identifier(s.field()) + " FROM " + identifier(s.measurement())
          + " WHERE \"device\" = " + literal(s.device()) + " AND \"gateway\" = 'gw-prop' AND "
          + "time = " + s.record().getCaptureTimeMs() + "ms";
      JsonNode result = json.readTree(influxd.query(DB, q)).path("results").path(0);
      JsonNode series = result.path("series");
      assertThat(series.size()).as("seed %d, query %s → %s", seed, q, result).isEqualTo(1);
      assertThat(series.path(0).path("name").asText()).isEqualTo(s.measurement());
      assertThat(series.path(0).path("columns").path(1).asText()).isEqualTo(s.field());
      assertThat(series.path(0).path("values").path(0).path(1).asLong()).as(q).isEqualTo(s.i());
    }
  }

  /** 1-12 code points, mostly plain, some from every awkward class. */
  private static String name(SplittableRandom random) {
    int length = 1 + random.nextInt(12);
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < length; i++) {
      int kind = random.nextInt(40);
      if (kind < 18) {
        s.append((char) ('a' + random.nextInt(26)));
      } else if (kind < 25) {
        s.append(SPECIAL.charAt(random.nextInt(SPECIAL.length())));
      } else if (kind < 28) {
        s.appendCodePoint(0x4E00 + random.nextInt(0x9FFF - 0x4E00)); // CJK
      } else if (kind < 30) {
        s.appendCodePoint(0x1F600 + random.nextInt(0x50)); // emoji, a surrogate pair
      } else if (kind < 31) {
        s.appendCodePoint(0x0300 + random.nextInt(0x70)); // combining marks
      } else if (kind < 32) {
        s.appendCodePoint(0x0627 + random.nextInt(0x20)); // Arabic, right to left
      } else if (kind < 34) {
        s.append(new char[] {'\u00a0', '\u3000', '\u2028', '\ufeff', '\ufffd', '\u200b'}
            [random.nextInt(6)]);
      } else if (kind < 36) {
        s.append((char) (0x21 + random.nextInt(0x7e - 0x21))); // any printable ASCII
      } else if (kind < 39) {
        s.append((char) random.nextInt(0x20)); // C0 controls, NUL, newline
      } else {
        s.append(new char[] {'\u007f', '\u0085', '\u009f', '\ud800'}[random.nextInt(4)]);
      }
    }
    return s.toString();
  }

  /** An InfluxQL double-quoted identifier (accepted names have no backslash). */
  private static String identifier(String name) {
    return "\"" + name.replace("\"", "\\\"") + "\"";
  }

  /** An InfluxQL single-quoted string literal. */
  private static String literal(String value) {
    return "'" + value.replace("'", "\\'") + "'";
  }
}
