package org.gridguard.hub.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Deadlines over the calendar. Dates are 2025's National Day (国庆): 1–8 October off, Sunday
 * 28 September and Saturday 11 October make-up workdays (调休), as published by the State Council.
 */
class WorkingTimeTest {
  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final List<WorkPeriod> DEFAULT = List.of(WorkPeriod.parse("08:30-12:00"),
      WorkPeriod.parse("13:30-17:30"));

  static Map<LocalDate, DayKind> nationalDay2025() {
    Map<LocalDate, DayKind> days = new HashMap<>();
    for (int d = 1; d <= 8; d++) {
      days.put(LocalDate.of(2025, 10, d), DayKind.HOLIDAY);
    }
    days.put(LocalDate.of(2025, 9, 28), DayKind.WORKDAY);
    days.put(LocalDate.of(2025, 10, 11), DayKind.WORKDAY);
    return days;
  }

  final WorkingTime time = new WorkingTime(SHANGHAI, DEFAULT, nationalDay2025());

  static Instant at(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant();
  }

  Instant hoursAfter(String start, double hours) {
    return time.plus(at(start), LimitKind.WORKING_HOURS, Duration.ofSeconds((long) (hours * 3600)));
  }

  @Test
  void plus_urgentHours_countsNightsAndWeekends() {
    // Friday 22:00 + 4 h → Saturday 02:00
    assertThat(time.plus(at("2025-10-17T22:00"), LimitKind.URGENT_HOURS, Duration.ofHours(4)))
        .isEqualTo(at("2025-10-18T02:00"));
  }

  @Test
  void plus_workingHoursInsideOnePeriod_addsPlainly() {
    assertThat(hoursAfter("2025-10-13T09:00", 2)).isEqualTo(at("2025-10-13T11:00"));
  }

  @Test
  void plus_acrossLunch_skipsTheBreak() {
    assertThat(hoursAfter("2025-10-13T11:00", 2)).isEqualTo(at("2025-10-13T14:30"));
  }

  @Test
  void plus_endingExactlyAtPeriodEnd_givesThatEnd() {
    assertThat(hoursAfter("2025-10-13T11:00", 1)).isEqualTo(at("2025-10-13T12:00"));
    assertThat(hoursAfter("2025-10-13T17:00", 0.5)).isEqualTo(at("2025-10-13T17:30"));
  }

  @Test
  void plus_acrossMidnight_continuesNextMorning() {
    assertThat(hoursAfter("2025-10-13T17:00", 1)).isEqualTo(at("2025-10-14T09:00"));
  }

  @Test
  void plus_startOutsideWorkPeriods_countsFromTheNextPeriod() {
    assertThat(hoursAfter("2025-10-13T06:00", 1)).isEqualTo(at("2025-10-13T09:30"));
    assertThat(hoursAfter("2025-10-13T12:30", 1)).isEqualTo(at("2025-10-13T14:30"));
    assertThat(hoursAfter("2025-10-13T20:00", 1)).isEqualTo(at("2025-10-14T09:30"));
    // a Saturday evening report waits for Monday
    assertThat(hoursAfter("2025-10-18T20:00", 1)).isEqualTo(at("2025-10-20T09:30"));
  }

  @Test
  void plus_overAWeekend_resumesMonday() {
    assertThat(hoursAfter("2025-10-17T17:00", 1)).isEqualTo(at("2025-10-20T09:00"));
  }

  @Test
  void plus_overPublicHoliday_resumesAfterIt() {
    // Tuesday 30 September 17:00 + 1 h: 1–8 October are off → Thursday 9 October 09:00
    assertThat(hoursAfter("2025-09-30T17:00", 1)).isEqualTo(at("2025-10-09T09:00"));
  }

  @Test
  void plus_makeUpWorkdays_countAsWorkdays() {
    // Friday 26 September 17:00 + 1 h → Sunday 28 September (调休) 09:00
    assertThat(hoursAfter("2025-09-26T17:00", 1)).isEqualTo(at("2025-09-28T09:00"));
    // Friday 10 October 17:00 + 1 h → Saturday 11 October (调休) 09:00
    assertThat(hoursAfter("2025-10-10T17:00", 1)).isEqualTo(at("2025-10-11T09:00"));
    // but an ordinary Saturday is not: 18 October
    assertThat(hoursAfter("2025-10-17T17:00", 1)).isEqualTo(at("2025-10-20T09:00"));
  }

  @Test
  void plus_workingDays_areDaysOfWorkPeriods() {
    Duration oneDay = time.budget(LimitKind.WORKING_DAYS, 1);
    assertThat(oneDay).isEqualTo(Duration.ofMinutes(450));
    assertThat(time.plus(at("2025-10-13T10:00"), LimitKind.WORKING_DAYS, oneDay))
        .isEqualTo(at("2025-10-14T10:00"));
    // two working days from Thursday 25 September 10:00: Fri 26, (Sat off), Sun 28 (调休)
    assertThat(time.plus(at("2025-09-25T10:00"), LimitKind.WORKING_DAYS,
        time.budget(LimitKind.WORKING_DAYS, 2))).isEqualTo(at("2025-09-28T10:00"));
    assertThat(time.budget(LimitKind.WORKING_DAYS, 1.5)).isEqualTo(Duration.ofMinutes(675));
  }

  @Test
  void plus_zero_isTheStartEvenOutsideWorkPeriods() {
    assertThat(hoursAfter("2025-10-18T20:00", 0)).isEqualTo(at("2025-10-18T20:00"));
  }

  @Test
  void plus_instantGivenInUtc_usesTheCalendarsZone() {
    // 01:00 UTC is 09:00 in Shanghai, Monday 13 October
    assertThat(time.plus(Instant.parse("2025-10-13T01:00:00Z"), LimitKind.WORKING_HOURS,
        Duration.ofHours(1))).isEqualTo(Instant.parse("2025-10-13T02:00:00Z"));
  }

  @Test
  void between_weekendAndNight_countOnlyWorkPeriods() {
    assertThat(time.between(at("2025-10-17T16:30"), at("2025-10-20T09:30"),
        LimitKind.WORKING_HOURS)).isEqualTo(Duration.ofHours(2));
    assertThat(time.between(at("2025-10-20T09:30"), at("2025-10-17T16:30"),
        LimitKind.WORKING_HOURS)).isEqualTo(Duration.ofHours(-2));
    assertThat(time.between(at("2025-10-17T16:30"), at("2025-10-20T09:30"),
        LimitKind.URGENT_HOURS)).isEqualTo(Duration.ofHours(65));
    // the whole holiday week is worth nothing
    assertThat(time.between(at("2025-10-01T00:00"), at("2025-10-09T00:00"),
        LimitKind.WORKING_HOURS)).isZero();
  }

  @Test
  void between_isTheInverseOfPlus_forStartsAllOverTheWeek() {
    Instant start = at("2025-09-24T00:10");
    for (int i = 0; i < 24 * 4 * 21; i++, start = start.plus(Duration.ofMinutes(15))) {
      for (long minutes : new long[] {1, 90, 420, 3000}) {
        Instant deadline = time.plus(start, LimitKind.WORKING_HOURS, Duration.ofMinutes(minutes));
        assertThat(time.between(start, deadline, LimitKind.WORKING_HOURS))
            .as("from %s + %d min", start, minutes).isEqualTo(Duration.ofMinutes(minutes));
        assertThat(time.isWorkday(deadline.atZone(SHANGHAI).toLocalDate())).isTrue();
      }
    }
  }

  @Test
  void plus_calendarWithoutWorkdays_failsSayingSo() {
    Map<LocalDate, DayKind> allOff = new HashMap<>();
    LocalDate d = LocalDate.of(2025, 1, 1);
    for (int i = 0; i < WorkingTime.MAX_DAYS + 10; i++) {
      allOff.put(d.plusDays(i), DayKind.HOLIDAY);
    }
    WorkingTime none = new WorkingTime(SHANGHAI, DEFAULT, allOff);
    assertThatThrownBy(() -> none.plus(at("2025-01-01T09:00"), LimitKind.WORKING_HOURS,
        Duration.ofHours(1))).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no working time");
  }

  @Test
  void workPeriods_overlappingOrReversed_areRefusedNamingThem() {
    assertThatThrownBy(() -> new WorkingTime(SHANGHAI, List.of(WorkPeriod.parse("08:00-12:00"),
        WorkPeriod.parse("11:00-13:00")), Map.of())).hasMessageContaining("overlap");
    assertThatThrownBy(() -> WorkPeriod.parse("12:00-08:00")).hasMessageContaining("before");
    assertThatThrownBy(() -> WorkPeriod.parse("noon")).hasMessageContaining("HH:mm-HH:mm");
  }
}
