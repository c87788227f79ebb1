package org.gridguard.hub.patrol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ShiftTest {
  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  static Instant at(String local, ZoneId zone) {
    return LocalDateTime.parse(local).atZone(zone).toInstant();
  }

  static Shift shift(DayOfWeek day, String start, String end) {
    return new Shift("u", day, LocalTime.parse(start), LocalTime.parse(end));
  }

  @Test
  void minutes_nightShift_wrapsOverMidnight() {
    Shift night = shift(DayOfWeek.MONDAY, "20:00", "08:00");
    assertThat(night.startMinute()).isEqualTo(20 * 60);
    assertThat(night.minutes()).isEqualTo(12 * 60);
    assertThat(shift(DayOfWeek.MONDAY, "08:00", "08:00").minutes()).isEqualTo(24 * 60);
  }

  @Test
  void covers_nightShift_bothSidesOfMidnightNotAfterItsEnd() {
    Shift night = shift(DayOfWeek.MONDAY, "20:00", "08:00");
    assertThat(night.covers(at("2025-10-13T19:59", SHANGHAI), SHANGHAI)).isFalse();
    assertThat(night.covers(at("2025-10-13T20:00", SHANGHAI), SHANGHAI)).isTrue();
    assertThat(night.covers(at("2025-10-14T07:59", SHANGHAI), SHANGHAI)).isTrue();
    assertThat(night.covers(at("2025-10-14T08:00", SHANGHAI), SHANGHAI)).isFalse();
  }

  @Test
  void covers_sundayNight_wrapsIntoMonday() {
    Shift sunday = shift(DayOfWeek.SUNDAY, "22:00", "02:00");
    assertThat(sunday.covers(at("2025-10-13T01:59", SHANGHAI), SHANGHAI)).isTrue();
    assertThat(sunday.covers(at("2025-10-19T22:30", SHANGHAI), SHANGHAI)).isTrue();
    assertThat(sunday.covers(at("2025-10-13T02:00", SHANGHAI), SHANGHAI)).isFalse();
  }

  @Test
  void covers_zoneWithDaylightSaving_followsTheWallClock() {
    // Berlin leaves summer time on Sunday 26 Oct 2025 at 03:00 → 02:00: a 20:00–08:00 Saturday
    // night shift still ends at 08:00 on the wall clock (13 hours elapsed that night)
    Shift night = shift(DayOfWeek.SATURDAY, "20:00", "08:00");
    assertThat(night.covers(at("2025-10-26T07:59", BERLIN), BERLIN)).isTrue();
    assertThat(night.covers(at("2025-10-26T08:00", BERLIN), BERLIN)).isFalse();
    assertThat(night.covers(Instant.parse("2025-10-26T01:30:00Z"), BERLIN)).isTrue(); // 02:30 CET
  }

  @Test
  void of_roundTripsStartMinuteAndLength() {
    Shift night = shift(DayOfWeek.SUNDAY, "22:00", "02:00");
    Shift back = Shift.of("u", night.startMinute(), night.minutes());
    assertThat(back).isEqualTo(night);
  }

  @Test
  void parse_badDayOrTime_namesTheField() {
    assertThat(Shift.parseDay("d", "mon")).isEqualTo(DayOfWeek.MONDAY);
    assertThat(Shift.parseDay("d", "7")).isEqualTo(DayOfWeek.SUNDAY);
    assertThatThrownBy(() -> Shift.parseDay("shifts[2].day", "Funday"))
        .hasMessageContaining("shifts[2].day").hasMessageContaining("Funday");
    assertThatThrownBy(() -> Shift.parseTime("shifts[0].end", "24:00"))
        .hasMessageContaining("shifts[0].end");
    assertThatThrownBy(() -> Shift.parseTime("shifts[0].end", "8:00"))
        .hasMessageContaining("HH:mm");
  }
}
