package org.gridguard.hub.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.gridguard.protocol.StorageRules;
import org.gridguard.protocol.v1.Reading;
import org.gridguard.protocol.v1.Record;
import org.gridguard.protocol.v1.Telemetry;
import org.junit.jupiter.api.Test;

/**
 * The fast paths of {@link LineProtocol} (plain strings appended whole, short decimals formatted
 * from a long) must write byte for byte what the straightforward encoder wrote before them,
 * which {@link Reference} keeps verbatim, for every record whose names follow
 * {@link org.gridguard.protocol.TelemetryNames}; and refuse exactly the others, with the reason
 * {@link StorageRules#problem} gives.
 */
class LineProtocolEquivalenceTest {
  /** Name characters, one code point each: the escaped, the refused and the harmless. */
  private static final String[] ALPHABET = {"a", "b", "c", "X", "Y", "Z", "0", "1", "9", "_", "-",
      ".", ",", "=", " ", "\n", "\r", "\t", "\u0000", "\u007f", "\u0085", "\"", "'", "\\", "#",
      "é", "水", "😀", "\u2028", "\ufeff", "\ud800"};
  /** Gateway ids and grid codes follow their own patterns; only these could need escaping. */
  private static final String[] TAG_ALPHABET = {"a", "b", "Z", "0", "9", "_", "-", ".", ",", "=",
      " "};

  @Test
  void appendNumber_shortDecimalsBelowFastLimit_sameAsJdk() {
    for (long m = 0; m < 3_000_000; m++) {
      assertSameAsJdk(m / 1000.0);
      assertSameAsJdk(-m / 1000.0);
    }
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 1_000_000; i++) {
      long m = random.nextLong((long) (LineProtocol.FAST_LIMIT * 1000) + 10_000);
      assertSameAsJdk(m / POW10[random.nextInt(4)]);
    }
  }

  @Test
  void appendNumber_otherDoubles_sameAsJdk() {
    SplittableRandom random = new SplittableRandom(11);
    for (int i = 0; i < 1_000_000; i++) {
      assertSameAsJdk(random.nextDouble(-2 * LineProtocol.FAST_LIMIT, 2 * LineProtocol.FAST_LIMIT));
      assertSameAsJdk(Double.longBitsToDouble(random.nextLong()));
    }
    for (double v : new double[] {0.0, -0.0, 1e-3, 0.001, 0.002, 1.0, 99999.999, 1e5, 1e7,
        Double.MIN_VALUE, Double.MAX_VALUE, 0.1 + 0.2, 1.005, 2.675}) {
      assertSameAsJdk(v);
      assertSameAsJdk(-v);
    }
  }

  @Test
  void append_randomRecords_sameAsReferenceEncoderOrRefusedByTheRule() {
    SplittableRandom random = new SplittableRandom(42);
    int refused = 0;
    for (int i = 0; i < 200_000; i++) {
      Record record = randomRecord(random);
      String grid = random.nextInt(10) == 0 ? text(random, TAG_ALPHABET) : "330102001001";
      String gateway = random.nextInt(10) == 0 ? text(random, TAG_ALPHABET)
          : "gw-" + random.nextInt(1000);
      StringBuilder expected = new StringBuilder("x");
      StringBuilder actual = new StringBuilder("x");
      String problem = LineProtocol.append(actual, grid, gateway, record);
      String rule = StorageRules.problem(record);
      if (rule != null) {
        refused++;
        assertThat(problem).as("%s", record).isEqualTo(rule);
        assertThat(actual).as("%s", record).hasToString("x");
        continue;
      }
      boolean expectedWritten = Reference.append(expected, grid, gateway, record);
      assertThat(problem).as("%s", record)
          .isEqualTo(expectedWritten ? null : LineProtocol.NO_STORABLE_READING);
      assertThat(actual.toString()).as("%s", record).isEqualTo(expected.toString());
    }
    assertThat(refused).as("records refused by the rule").isBetween(10_000, 190_000);
  }

  private static final double[] POW10 = {1, 10, 100, 1000};

  private static void assertSameAsJdk(double v) {
    StringBuilder out = new StringBuilder();
    LineProtocol.appendNumber(out, v);
    assertThat(out.toString()).as("%s", v).isEqualTo(Double.toString(v));
  }

  private static Record randomRecord(SplittableRandom random) {
    Telemetry.Builder telemetry = Telemetry.newBuilder()
        .setDeviceType(random.nextInt(4) == 0 ? text(random, ALPHABET) : "water_level");
    int readings = random.nextInt(5);
    for (int r = 0; r < readings; r++) {
      Reading.Builder reading = Reading.newBuilder()
          .setMetric(random.nextInt(4) == 0 ? text(random, ALPHABET) : "level" + r);
      switch (random.nextInt(9)) {
        case 0 -> reading.setNumber(random.nextLong(-10_000_000, 10_000_000) / 100.0);
        case 1 -> reading.setNumber(random.nextDouble(-1e6, 1e6));
        case 2 -> reading.setNumber(Double.longBitsToDouble(random.nextLong()));
        case 3 -> reading.setNumber(new double[] {Double.NaN, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, -0.0, 0.0}[random.nextInt(5)]);
        case 4 -> reading.setInteger(random.nextLong());
        case 5 -> reading.setFlag(random.nextBoolean());
        case 6 -> reading.setText(text(random, ALPHABET));
        case 7 -> reading.setNumber(random.nextInt(100_000));
        default -> { } // no value
      }
      telemetry.addReadings(reading);
    }
    return Record.newBuilder().setSequence(1 + random.nextInt(1000))
        .setCaptureTimeMs(1_700_000_000_000L + random.nextInt(1_000_000))
        .setDeviceId(random.nextInt(3) == 0 ? "" : text(random, ALPHABET))
        .setTelemetry(telemetry).build();
  }

  private static String text(SplittableRandom random, String[] alphabet) {
    int length = random.nextInt(8);
    StringBuilder s = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      s.append(random.nextInt(3) == 0 ? alphabet[random.nextInt(alphabet.length)]
          : String.valueOf((char) ('a' + random.nextInt(26))));
    }
    return s.toString();
  }

  /** The encoder as it was before the fast paths, kept as the specification they must meet. */
  private static final class Reference {
    static boolean append(StringBuilder out, String gridCode, String gatewayId, Record record) {
      Telemetry telemetry = record.getTelemetry();
      int start = out.length();
      escapeMeasurement(out, telemetry.getDeviceType());
      out.append(",gateway=");
      escapeKey(out, gatewayId);
      out.append(",grid=");
      escapeKey(out, gridCode);
      if (!record.getDeviceId().isEmpty()) {
        out.append(",device=");
        escapeKey(out, record.getDeviceId());
      }
      char separator = ' ';
      for (Reading reading : telemetry.getReadingsList()) {
        int mark = out.length();
        out.append(separator);
        escapeKey(out, reading.getMetric());
        out.append('=');
        switch (reading.getValueCase()) {
          case NUMBER -> {
            double v = reading.getNumber();
            if (!Double.isFinite(v)) {
              out.setLength(mark);
              continue;
            }
            out.append(v);
          }
          case INTEGER -> out.append(reading.getInteger()).append('i');
          case FLAG -> out.append(reading.getFlag());
          case TEXT -> escapeString(out, reading.getText());
          default -> {
            out.setLength(mark);
            continue;
          }
        }
        separator = ',';
      }
      if (separator == ' ') {
        out.setLength(start);
        return false;
      }
      out.append(' ').append(record.getCaptureTimeMs());
      return true;
    }

    static void escapeMeasurement(StringBuilder out, String s) {
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        switch (c) {
          case ',', ' ' -> out.append('\\').append(c);
          case '\n', '\r' -> out.append(' ');
          default -> out.append(c);
        }
      }
    }

    static void escapeKey(StringBuilder out, String s) {
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        switch (c) {
          case ',', '=', ' ' -> out.append('\\').append(c);
          case '\n', '\r' -> out.append("\\ ");
          default -> out.append(c);
        }
      }
      if (!s.isEmpty() && s.charAt(s.length() - 1) == '\\') {
        out.append(' ');
      }
    }

    static void escapeString(StringBuilder out, String s) {
      out.append('"');
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        switch (c) {
          case '"', '\\' -> out.append('\\').append(c);
          case '\n' -> out.append("\\n");
          default -> out.append(c);
        }
      }
      out.append('"');
    }
  }
}
