package org.gridguard.protocol;

import com.google.protobuf.ByteString;
import com.google.protobuf.MessageLite;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.Map;
import java.util.zip.CRC32C;
import org.gridguard.protocol.v1.Ack;
import org.gridguard.protocol.v1.Alarm;
import org.gridguard.protocol.v1.AlarmPhase;
import org.gridguard.protocol.v1.AlarmType;
import org.gridguard.protocol.v1.Batch;
import org.gridguard.protocol.v1.Command;
import org.gridguard.protocol.v1.CommandResult;
import org.gridguard.protocol.v1.ConfigPush;
import org.gridguard.protocol.v1.Credit;
import org.gridguard.protocol.v1.DeviceEvent;
import org.gridguard.protocol.v1.DeviceState;
import org.gridguard.protocol.v1.DeviceStatus;
import org.gridguard.protocol.v1.EventKind;
import org.gridguard.protocol.v1.EvidenceChunk;
import org.gridguard.protocol.v1.Heartbeat;
import org.gridguard.protocol.v1.Hello;
import org.gridguard.protocol.v1.HelloAck;
import org.gridguard.protocol.v1.Lane;
import org.gridguard.protocol.v1.LaneSequence;
import org.gridguard.protocol.v1.Reading;
import org.gridguard.protocol.v1.Record;
import org.gridguard.protocol.v1.Reject;
import org.gridguard.protocol.v1.RejectReason;
import org.gridguard.protocol.v1.RequestSnapshot;
import org.gridguard.protocol.v1.SpoolReport;
import org.gridguard.protocol.v1.Telemetry;

/** One fixed, fully populated sample per frame type; the golden fixtures are made from these. */
final class SampleMessages {
  static final String BOOT = "6f1c2a7e-0b52-4f0e-9d7a-3c5e1f2a9b10";
  static final long T0 = 1_763_700_000_000L; // 2025-11-21T04:40:00Z

  private SampleMessages() {}

  static Map<MessageType, MessageLite> all() {
    Map<MessageType, MessageLite> samples = new EnumMap<>(MessageType.class);
    samples.put(MessageType.HELLO, hello());
    samples.put(MessageType.HELLO_ACK, HelloAck.newBuilder()
        .setSessionId("s-42")
        .addCommitted(LaneSequence.newBuilder().setLane(Lane.PRIORITY).setSequence(1041))
        .addCommitted(LaneSequence.newBuilder().setLane(Lane.EVIDENCE).setSequence(12)).setInitialCredit(4096)
        .setHeartbeatIntervalMs(15_000).setMaxFrameSize(FrameFormat.DEFAULT_MAX_FRAME_SIZE)
        .setProtocolVersion(ProtocolVersion.CURRENT).setServerTimeMs(T0).addFeatures("evidence.v1")
        .build());
    samples.put(MessageType.REJECT, Reject.newBuilder()
        .setReason(RejectReason.BAD_CREDENTIAL).setMessage("credential does not match")
        .setRetryAfterMs(30_000).build());
    samples.put(MessageType.BATCH, batch());
    samples.put(MessageType.ACK, Ack.newBuilder().setSequence(1045).setLane(Lane.PRIORITY).build());
    samples.put(MessageType.CREDIT, Credit.newBuilder().setRecords(512).build());
    samples.put(MessageType.HEARTBEAT, Heartbeat.newBuilder()
        .setSentTimeMs(T0 + 15_000).setEchoTimeMs(T0 + 14_990).build());
    samples.put(MessageType.EVIDENCE_CHUNK, evidenceChunk());
    samples.put(MessageType.CONFIG_PUSH, ConfigPush.newBuilder()
        .setConfigVersion(7).setContentType("application/yaml")
        .setDocument(ByteString.copyFromUtf8("rules:\n  door_held_open_s: 60\n")).build());
    samples.put(MessageType.COMMAND, Command.newBuilder()
        .setCommandId("c-9").setRequestSnapshot(RequestSnapshot.newBuilder()
            .setDeviceId("cam-gate-1").setAlarmId("a-77")).build());
    samples.put(MessageType.COMMAND_RESULT, CommandResult.newBuilder()
        .setCommandId("c-9").setOk(true).setMessage("snapshot taken").addEvidenceIds("ev-1")
        .build());
    return samples;
  }

  static Hello hello() {
    return Hello.newBuilder()
        .setGatewayId("gw-330102001001")
        .setCredential("s3cret-token")
        .setProtocolVersion(ProtocolVersion.CURRENT)
        .setSoftwareVersion("0.1.0")
        .setBootId(BOOT)
        .setStreamId("0d9b5b8e-8a51-4d2c-b7f4-6a0a2c7f1e33")
        .addAcked(LaneSequence.newBuilder().setLane(Lane.PRIORITY).setSequence(1040))
        .addAcked(LaneSequence.newBuilder().setLane(Lane.BULK).setSequence(88_000))
        .addFeatures("evidence.v1")
        .setMaxFrameSize(FrameFormat.DEFAULT_MAX_FRAME_SIZE)
        .build();
  }

  /** Every sample under its fixture name: one per type, plus the telemetry batch. */
  static Map<String, MessageLite> fixtures() {
    Map<String, MessageLite> fixtures = new java.util.LinkedHashMap<>();
    all().forEach((type, message) ->
        fixtures.put(type.name().toLowerCase(java.util.Locale.ROOT), message));
    fixtures.put("batch_bulk", bulkBatch());
    return fixtures;
  }

  /** A PRIORITY-lane batch: one record of each non-telemetry body. */
  static Batch batch() {
    return Batch.newBuilder()
        .setLane(Lane.PRIORITY)
        .addRecords(Record.newBuilder().setSequence(1042).setCaptureTimeMs(T0 + 1)
            .setDeviceId("door-east").setBootId(BOOT)
            .setEvent(DeviceEvent.newBuilder().setDeviceType("access_control")
                .setKind(EventKind.DOOR_FORCED).setVendorCode("0x21").setChannel("1")
                .putAttributes("reader", "in")))
        .addRecords(Record.newBuilder().setSequence(1043).setCaptureTimeMs(T0 + 2)
            .setDeviceId("door-east").setBootId(BOOT)
            .setAlarm(Alarm.newBuilder().setAlarmId("a-77").setType(AlarmType.DOOR_FORCED_OPEN)
                .setPhase(AlarmPhase.BEGIN).setPriority(2).setCategoryCode(9205)
                .setZone("east gate").setBeginTimeMs(T0 + 1).setRule("door_forced")
                .setDetail("door opened without a granted swipe").addEvidenceIds("ev-1")
                .putValues("open_s", 3.0)))
        .addRecords(Record.newBuilder().setSequence(1044).setCaptureTimeMs(T0 + 3)
            .setDeviceId("cam-gate-1").setBootId(BOOT)
            .setStatus(DeviceStatus.newBuilder().setState(DeviceState.ONLINE)
                .setDetail("stream up").putMetrics("fps", 25.0)))
        .addRecords(Record.newBuilder().setSequence(1045).setCaptureTimeMs(T0 + 4)
            .setBootId(BOOT)
            .setSpoolReport(SpoolReport.newBuilder().setDroppedTelemetry(12).setSinceTimeMs(T0)
                .setSpoolBytes(1 << 20).setSpoolBudgetBytes(1L << 30)))
        .build();
  }

  /** A BULK-lane batch of telemetry. */
  static Batch bulkBatch() {
    return Batch.newBuilder()
        .setLane(Lane.BULK)
        .addRecords(Record.newBuilder().setSequence(88_001).setCaptureTimeMs(T0)
            .setDeviceId("wl-river-1").setBootId(BOOT)
            .setTelemetry(Telemetry.newBuilder().setDeviceType("water_level")
                .addReadings(Reading.newBuilder().setMetric("water_level").setNumber(1.42)
                    .setUnit("m"))
                .addReadings(Reading.newBuilder().setMetric("battery").setInteger(87)
                    .setUnit("%"))))
        .addRecords(Record.newBuilder().setSequence(88_002).setCaptureTimeMs(T0 + 1000)
            .setDeviceId("th-hall-2").setBootId(BOOT)
            .setTelemetry(Telemetry.newBuilder().setDeviceType("temp_humidity")
                .addReadings(Reading.newBuilder().setMetric("temperature").setNumber(21.5)
                    .setUnit("Cel"))
                .addReadings(Reading.newBuilder().setMetric("door_contact").setFlag(true))))
        .build();
  }

  static EvidenceChunk evidenceChunk() {
    byte[] data = "\u00ff\u00d8 fake jpeg bytes".getBytes(StandardCharsets.ISO_8859_1);
    return chunk("ev-1", data, 0, 1, 0, data.length, data);
  }

  static EvidenceChunk chunk(String id, byte[] data, int index, int count, long offset,
      long total, byte[] whole) {
    CRC32C crc = new CRC32C();
    crc.update(data);
    return EvidenceChunk.newBuilder()
        .setSequence(1046).setCaptureTimeMs(T0 + 2).setDeviceId("cam-gate-1").setBootId(BOOT)
        .setEvidenceId(id).setContentType("image/jpeg").setIndex(index).setCount(count)
        .setOffset(offset).setTotalSize(total).setData(ByteString.copyFrom(data))
        .setCrc32C((int) crc.getValue()).setSha256(ByteString.copyFrom(sha256(whole)))
        .build();
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
