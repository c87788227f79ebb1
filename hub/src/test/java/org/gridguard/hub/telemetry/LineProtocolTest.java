package org.gridguard.hub.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import org.gridguard.protocol.v1.Reading;
import org.gridguard.protocol.v1.Record;
import org.gridguard.protocol.v1.Telemetry;
import org.junit.jupiter.api.Test;

class LineProtocolTest {
  private static Record record(String device, String type, Reading... readings) {
    return Record.newBuilder().setSequence(1).setCaptureTimeMs(1_700_000_000_123L)
        .setDeviceId(device)
        .setTelemetry(Telemetry.newBuilder().setDeviceType(type).addAllReadings(java.util.List.of(readings)))
        .build();
  }

  private static String line(Record record) {
    StringBuilder out = new StringBuilder();
    assertThat(LineProtocol.append(out, "330102", "gw-1", record)).isNull();
    return out.toString();
  }

  @Test
  void append_allValueKinds_typedFieldsTagsAndMillisecondTimestamp() {
    String line = line(record("wl-1", "water_level",
        Reading.newBuilder().setMetric("level").setNumber(1.5).build(),
        Reading.newBuilder().setMetric("battery").setInteger(87).build(),
        Reading.newBuilder().setMetric("alarm").setFlag(true).build(),
        Reading.newBuilder().setMetric("state").setText("ok").build()));
    assertThat(line).isEqualTo(
        "water_level,gateway=gw-1,grid=330102,device=wl-1 level=1.5,battery=87i,alarm=true,state=\"ok\" 1700000000123");
  }

  @Test
  void append_specialCharacters_escaped() {
    String line = line(record("door 1,a=b", "smoke, heat",
        Reading.newBuilder().setMetric("a b").setText("say \"hi\" \\ bye\nnow").build()));
    assertThat(line).isEqualTo("smoke\\,\\ heat,gateway=gw-1,grid=330102,device=door\\ 1\\,a\\=b "
        + "a\\ b=\"say \\\"hi\\\" \\\\ bye\\nnow\" 1700000000123");
  }

  @Test
  void append_gatewayLevelRecord_noDeviceTag() {
    assertThat(line(record("", "gateway", Reading.newBuilder().setMetric("cpu").setNumber(0.25).build())))
        .isEqualTo("gateway,gateway=gw-1,grid=330102 cpu=0.25 1700000000123");
  }

  @Test
  void append_nonFiniteReadingsSkipped_onlyFiniteFieldsWritten() {
    assertThat(line(record("d", "t", Reading.newBuilder().setMetric("x").setNumber(Double.NaN).build(),
        Reading.newBuilder().setMetric("y").setNumber(2).build())))
        .isEqualTo("t,gateway=gw-1,grid=330102,device=d y=2.0 1700000000123");
  }

  @Test
  void append_noStorableReading_returnsReasonAndAppendsNothing() {
    StringBuilder out = new StringBuilder("keep");
    String problem = LineProtocol.append(out, "g", "gw", record("d", "t",
        Reading.newBuilder().setMetric("x").setNumber(Double.POSITIVE_INFINITY).build(),
        Reading.newBuilder().setMetric("y").build()));
    assertThat(problem).isEqualTo(LineProtocol.NO_STORABLE_READING);
    assertThat(out).hasToString("keep");
  }

  @Test
  void append_namesLineProtocolWouldMisread_refusedWithReasonAndNothingAppended() {
    Reading level = Reading.newBuilder().setMetric("level").setNumber(1).build();
    record Case(Record record, String problem) {}
    for (Case c : java.util.List.of(
        // a trailing backslash would escape the comma before gateway=
        new Case(record("d", "water\\", level),
            "telemetry.device_type contains a backslash at index 5"),
        // InfluxDB reads a line starting with # as a comment: acknowledged, never stored
        new Case(record("d", "#smoke", level), "telemetry.device_type starts with '#'"),
        new Case(record("d", "smo\u0000ke", level),
            "telemetry.device_type contains control character U+0000 at index 3"),
        new Case(record("door\n1", "smoke", level),
            "device_id contains control character U+000A at index 4"),
        new Case(record("d", "smoke", level, Reading.newBuilder().setMetric("a\\b").setFlag(true)
            .build()), "telemetry.readings[1].metric contains a backslash at index 1"),
        new Case(record("d", "x".repeat(129), level),
            "telemetry.device_type is 129 characters, at most 128"))) {
      StringBuilder out = new StringBuilder("keep");
      assertThat(LineProtocol.append(out, "330102", "gw-1", c.record())).as(c.problem())
          .startsWith(c.problem());
      assertThat(out).hasToString("keep");
    }
  }

  @Test
  void append_anyScriptQuotesAndLeadingSpaces_escapedOnlyWhereLineProtocolNeedsIt() {
    assertThat(line(record(" 东门=1", "水位 \"m\"", Reading.newBuilder().setMetric("x=\"y\"")
        .setNumber(2).build())))
        .isEqualTo("水位\\ \"m\",gateway=gw-1,grid=330102,device=\\ 东门\\=1 x\\=\"y\"=2.0 "
            + "1700000000123");
  }
}
