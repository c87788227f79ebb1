package org.gridguard.edge.alarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.gridguard.protocol.v1.AlarmType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenAlarmBookTest {
  @TempDir Path dir;

  private static OpenAlarm alarm(String device, AlarmType type, String id) {
    return new OpenAlarm(new AlarmKey(device, type, ""), id, 1_000, "video.covered", 3, 0, 0,
        1_000);
  }

  @Test
  void save_thenNewBook_restoresTypedAlarms() {
    OpenAlarmsFile file = new OpenAlarmsFile(dir.resolve("open.json"));
    OpenAlarmBook book = new OpenAlarmBook(file, 10);
    book.open(alarm("cam-1", AlarmType.VIDEO_COVERED, "a1"));
    book.open(alarm("cam-2", AlarmType.VIDEO_LOSS, "a2"));
    book.close(new AlarmKey("cam-2", AlarmType.VIDEO_LOSS, ""));
    assertThat(book.save()).isTrue();

    OpenAlarmBook restarted = new OpenAlarmBook(file, 10);

    assertThat(restarted.restored()).containsExactly(alarm("cam-1", AlarmType.VIDEO_COVERED,
        "a1"));
    assertThat(restarted.get(new AlarmKey("cam-1", AlarmType.VIDEO_COVERED, "")).alarmId())
        .isEqualTo("a1");
  }

  @Test
  void open_full_refusedAndCounted() {
    OpenAlarmBook book = new OpenAlarmBook(null, 1);
    assertThat(book.open(alarm("cam-1", AlarmType.VIDEO_COVERED, "a1"))).isTrue();
    assertThat(book.open(alarm("cam-1", AlarmType.VIDEO_LOSS, "a2"))).isFalse();
    assertThat(book.open(alarm("cam-1", AlarmType.VIDEO_COVERED, "a3"))).isFalse();
    assertThat(book.refused()).isEqualTo(1);
    assertThat(book.size()).isEqualTo(1);
  }

  @Test
  void save_unchanged_doesNotWrite() throws Exception {
    Path path = dir.resolve("open.json");
    OpenAlarmBook book = new OpenAlarmBook(new OpenAlarmsFile(path), 10);
    assertThat(book.save()).isTrue();
    assertThat(Files.exists(path)).isFalse();
  }

  @Test
  void save_directoryUnwritable_failureCountedAndRetried() throws Exception {
    Path blocker = Files.writeString(dir.resolve("not-a-dir"), "x");
    OpenAlarmBook book = new OpenAlarmBook(new OpenAlarmsFile(blocker.resolve("open.json")), 10);
    book.open(alarm("cam-1", AlarmType.VIDEO_COVERED, "a1"));

    assertThat(book.save()).isFalse();
    assertThat(book.save()).isFalse(); // still dirty: tried again
    assertThat(book.saveFailures()).isEqualTo(2);
  }

  @Test
  void openAlarm_negativeBegin_namesTheField() {
    assertThatThrownBy(() -> new OpenAlarm(new AlarmKey("d", AlarmType.SMOKE, ""), "a", -1, "r",
        1, 0, 0, 0)).hasMessageContaining("begin, hold and last trigger");
  }
}
