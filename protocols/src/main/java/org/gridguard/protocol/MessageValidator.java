package org.gridguard.protocol;

import com.google.protobuf.MessageLite;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;
import org.gridguard.protocol.v1.Alarm;
import org.gridguard.protocol.v1.AlarmPhase;
import org.gridguard.protocol.v1.AlarmType;
import org.gridguard.protocol.v1.Batch;
import org.gridguard.protocol.v1.Command;
import org.gridguard.protocol.v1.EvidenceChunk;
import org.gridguard.protocol.v1.Hello;
import org.gridguard.protocol.v1.Lane;
import org.gridguard.protocol.v1.Reading;
import org.gridguard.protocol.v1.Record;
import org.gridguard.protocol.v1.Telemetry;

/**
 * Structural rules every receiver relies on (PROTOCOL.md §2.4): ids present and bounded,
 * sequences positive and ascending, chunks consistent with their checksum; a message breaking
 * one is a protocol error. The bounds a well-formed item must keep to be storable at all are
 * {@link StorageRules} (§2.6): breaking those is answered by a dead letter, not an error.
 * Business rules (is this gateway registered, is this device known) belong to the receiver.
 */
public final class MessageValidator {
  /**
   * Gateway ids.
   *
   * @deprecated the rule lives in {@link Ids#GATEWAY_ID}; this is the same pattern
   */
  @Deprecated
  public static final Pattern GATEWAY_ID = Ids.GATEWAY_ID;

  static final int MAX_ID_LENGTH = 128;
  static final int MAX_TEXT_LENGTH = 4096;
  static final int MAX_FEATURES = 32;

  private MessageValidator() {}

  /**
   * Checks one decoded message.
   *
   * @throws ProtocolException of kind {@link ProtocolException.Kind#INVALID_MESSAGE}
   */
  public static void validate(MessageType type, MessageLite message) {
    switch (type) {
      case HELLO -> hello((Hello) message);
      case BATCH -> batch((Batch) message);
      case EVIDENCE_CHUNK -> evidence((EvidenceChunk) message);
      case COMMAND -> command((Command) message);
      default -> {
        // no structural rules beyond the Protobuf schema
      }
    }
  }

  private static void hello(Hello hello) {
    String gatewayProblem = Ids.gatewayIdProblem(hello.getGatewayId());
    if (gatewayProblem != null) {
      throw invalid("Hello.gateway_id " + gatewayProblem);
    }
    // stored with every record of the stream: no control characters (PostgreSQL refuses NUL)
    requireText("Hello.stream_id", hello.getStreamId());
    requireText("Hello.boot_id", hello.getBootId());
    maxLength("Hello.credential", hello.getCredential(), 512);
    maxLength("Hello.software_version", hello.getSoftwareVersion(), 128);
    if (hello.getFeaturesCount() > MAX_FEATURES) {
      throw invalid("Hello.features has " + hello.getFeaturesCount() + " entries, at most "
          + MAX_FEATURES + " allowed");
    }
    if (hello.getMaxFrameSize() != 0
        && (hello.getMaxFrameSize() < FrameFormat.MIN_MAX_FRAME_SIZE
            || hello.getMaxFrameSize() > FrameFormat.HARD_MAX_FRAME_SIZE)) {
      throw invalid("Hello.max_frame_size " + hello.getMaxFrameSize() + " is outside ["
          + FrameFormat.MIN_MAX_FRAME_SIZE + ", " + FrameFormat.HARD_MAX_FRAME_SIZE + "]");
    }
  }

  private static void batch(Batch batch) {
    if (batch.getRecordsCount() == 0) {
      throw invalid("Batch has no records");
    }
    Lane lane = batch.getLane();
    if (lane != Lane.PRIORITY && lane != Lane.BULK) {
      throw invalid("Batch.lane " + batch.getLaneValue()
          + " cannot carry records (PRIORITY or BULK; evidence travels in EvidenceChunk)");
    }
    long previous = 0;
    for (int i = 0; i < batch.getRecordsCount(); i++) {
      Record record = batch.getRecords(i);
      if (record.getSequence() <= previous) {
        throw invalid(where(i, record) + ": sequence must be > 0 and above the previous record's "
            + previous);
      }
      previous = record.getSequence();
      // device_id is a storage rule (StorageRules): a bad one is dead-lettered, not fatal
      if (record.getBootId().length() > MAX_ID_LENGTH) {
        maxLength(where(i, record) + ".boot_id", record.getBootId(), MAX_ID_LENGTH);
      }
      boolean telemetry = record.getBodyCase() == Record.BodyCase.TELEMETRY;
      if (telemetry != (lane == Lane.BULK) && record.getBodyCase() != Record.BodyCase.BODY_NOT_SET) {
        throw invalid(where(i, record) + ": " + record.getBodyCase() + " belongs in lane "
            + (telemetry ? "BULK" : "PRIORITY") + ", not " + lane);
      }
      switch (record.getBodyCase()) {
        case TELEMETRY -> telemetry(i, record, record.getTelemetry());
        case ALARM -> alarm(where(i, record), record.getAlarm());
        case EVENT, STATUS, SPOOL_REPORT -> { }
        case BODY_NOT_SET -> throw invalid(where(i, record) + " has no body");
      }
    }
  }

  /**
   * Where a record sits, for error messages. Built only when a rule fails: the check runs for
   * every record of every batch, the message almost never.
   */
  private static String where(int index, Record record) {
    return "Batch.records[" + index + "] (sequence " + record.getSequence() + ")";
  }

  private static void telemetry(int index, Record record, Telemetry telemetry) {
    if (telemetry.getDeviceType().isEmpty()) {
      throw invalid(where(index, record) + ".telemetry.device_type is empty");
    }
    if (telemetry.getReadingsCount() == 0) {
      throw invalid(where(index, record) + ".telemetry has no readings");
    }
    for (int i = 0; i < telemetry.getReadingsCount(); i++) {
      Reading reading = telemetry.getReadings(i);
      if (reading.getMetric().isEmpty() || reading.getMetric().length() > MAX_ID_LENGTH) {
        throw invalid(where(index, record) + ".telemetry.readings[" + i + "].metric must be 1-"
            + MAX_ID_LENGTH + " chars");
      }
      if (reading.getValueCase() == Reading.ValueCase.VALUE_NOT_SET) {
        throw invalid(where(index, record) + ".telemetry.readings[" + i + "] ("
            + reading.getMetric() + ") has no value");
      }
    }
  }

  private static void alarm(String where, Alarm alarm) {
    requireId(where + ".alarm.alarm_id", alarm.getAlarmId());
    // Values newer than this build (UNRECOGNIZED) pass: a newer edge must not wedge an older
    // hub (PROTOCOL.md §9). Only the explicit zero value is refused.
    if (alarm.getType() == AlarmType.ALARM_TYPE_UNSPECIFIED) {
      throw invalid(where + ".alarm.type is unspecified");
    }
    if (alarm.getPhase() == AlarmPhase.ALARM_PHASE_UNSPECIFIED) {
      throw invalid(where + ".alarm.phase is unspecified");
    }
    if (alarm.getPriority() < 1 || alarm.getPriority() > 4) {
      throw invalid(where + ".alarm.priority must be 1-4, was " + alarm.getPriority());
    }
    maxLength(where + ".alarm.detail", alarm.getDetail(), MAX_TEXT_LENGTH);
  }

  private static void evidence(EvidenceChunk chunk) {
    String where = "EvidenceChunk (sequence " + chunk.getSequence() + ")";
    if (chunk.getSequence() == 0) {
      throw invalid(where + ": sequence must be > 0");
    }
    requireId(where + ".evidence_id", chunk.getEvidenceId());
    // index and count are uint32
    if (chunk.getCount() == 0 || Integer.compareUnsigned(chunk.getIndex(), chunk.getCount()) >= 0) {
      throw invalid(where + ": index " + Integer.toUnsignedString(chunk.getIndex())
          + " is not below count " + Integer.toUnsignedString(chunk.getCount()));
    }
    long end = chunk.getOffset() + chunk.getData().size();
    if (chunk.getOffset() < 0 || end > chunk.getTotalSize() || end < 0) {
      throw invalid(where + ": offset " + chunk.getOffset() + " + " + chunk.getData().size()
          + " bytes runs past total_size " + chunk.getTotalSize());
    }
    if (chunk.getSha256().size() != 32) {
      throw invalid(where + ".sha256 must be 32 bytes, was " + chunk.getSha256().size());
    }
    CRC32C crc = new CRC32C();
    crc.update(chunk.getData().asReadOnlyByteBuffer());
    if ((int) crc.getValue() != chunk.getCrc32C()) {
      throw invalid(where + ": CRC-32C of data is " + Integer.toHexString((int) crc.getValue())
          + ", chunk says " + Integer.toHexString(chunk.getCrc32C()));
    }
  }

  private static void command(Command command) {
    requireId("Command.command_id", command.getCommandId());
    if (command.getBodyCase() == Command.BodyCase.BODY_NOT_SET) {
      throw invalid("Command " + command.getCommandId() + " has no body");
    }
  }

  /** As {@link #requireId}, and no control character. */
  private static void requireText(String field, String value) {
    requireId(field, value);
    int bad = StorageRules.controlCharacter(value);
    if (bad >= 0) {
      throw invalid(field + " contains control character "
          + String.format("U+%04X", (int) value.charAt(bad)) + " at index " + bad + ": "
          + Ids.printable(value));
    }
  }

  private static void requireId(String field, String value) {
    if (value.isEmpty() || value.length() > MAX_ID_LENGTH) {
      throw invalid(field + " must be 1-" + MAX_ID_LENGTH + " chars, was " + value.length());
    }
  }

  private static void maxLength(String field, String value, int max) {
    if (value.length() > max) {
      throw invalid(field + " is " + value.length() + " chars, at most " + max + " allowed");
    }
  }

  private static ProtocolException invalid(String message) {
    return new ProtocolException(ProtocolException.Kind.INVALID_MESSAGE, message);
  }
}
