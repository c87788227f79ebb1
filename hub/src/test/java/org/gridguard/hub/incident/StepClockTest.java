package org.gridguard.hub.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StepClockTest {
  final WorkingTime time = new WorkingTime(WorkingTimeTest.SHANGHAI, WorkingTimeTest.DEFAULT,
      WorkingTimeTest.nationalDay2025());

  static Instant at(String local) {
    return WorkingTimeTest.at(local);
  }

  @Test
  void colour_greenBelow80PercentYellowFrom80RedFromTheDeadline() {
    StepClock c = StepClock.start(time, Step.HANDLE, LimitKind.URGENT_HOURS, Duration.ofHours(10),
        at("2025-10-13T09:00"));
    assertThat(c.colour(time, at("2025-10-13T16:59"))).isEqualTo(StepClock.Colour.GREEN);
    assertThat(c.colour(time, at("2025-10-13T17:00"))).isEqualTo(StepClock.Colour.YELLOW);
    assertThat(c.yellowAt()).isEqualTo(at("2025-10-13T17:00"));
    assertThat(c.colour(time, at("2025-10-13T19:00"))).isEqualTo(StepClock.Colour.RED);
    assertThat(c.used(time, at("2025-10-13T14:00"))).isEqualTo(0.5);
  }

  @Test
  void colour_workingHours_countOnlyWorkingTime() {
    // 4 working hours from Friday 16:30: 1 h Friday, 3 h Monday → deadline Monday 11:30
    StepClock c = StepClock.start(time, Step.HANDLE, LimitKind.WORKING_HOURS, Duration.ofHours(4),
        at("2025-10-17T16:30"));
    assertThat(c.deadline()).isEqualTo(at("2025-10-20T11:30"));
    // Saturday: a quarter used, still green; Monday 10:42 → 80 % → yellow
    assertThat(c.colour(time, at("2025-10-18T12:00"))).isEqualTo(StepClock.Colour.GREEN);
    assertThat(c.yellowAt()).isEqualTo(at("2025-10-20T10:42"));
  }

  @Test
  void suspendResume_stopsTheClock() {
    StepClock c = StepClock.start(time, Step.ACCEPT, LimitKind.URGENT_HOURS, Duration.ofHours(1),
        at("2025-10-13T09:00"));
    StepClock stopped = c.suspend(time, at("2025-10-13T09:20"));
    assertThat(stopped.suspended()).isTrue();
    assertThat(stopped.remaining()).isEqualTo(Duration.ofMinutes(40));
    assertThat(stopped.colour(time, at("2025-10-20T09:00"))).isEqualTo(StepClock.Colour.GREEN);
    StepClock again = stopped.resume(time, at("2025-10-15T08:00"));
    assertThat(again.deadline()).isEqualTo(at("2025-10-15T08:40"));
  }

  @Test
  void suspendOverdue_resumesRed() {
    StepClock c = StepClock.start(time, Step.ACCEPT, LimitKind.URGENT_HOURS, Duration.ofHours(1),
        at("2025-10-13T09:00"));
    StepClock again = c.suspend(time, at("2025-10-13T11:00")).resume(time, at("2025-10-14T09:00"));
    assertThat(again.colour(time, at("2025-10-14T09:00"))).isEqualTo(StepClock.Colour.RED);
  }

  @Test
  void extend_addsToLimitAndDeadline_evenWhenOverdue() {
    StepClock c = StepClock.start(time, Step.HANDLE, LimitKind.URGENT_HOURS, Duration.ofHours(1),
        at("2025-10-13T09:00"));
    StepClock longer = c.extend(time, at("2025-10-13T09:30"), Duration.ofHours(2));
    assertThat(longer.deadline()).isEqualTo(at("2025-10-13T12:00"));
    assertThat(longer.limit()).isEqualTo(Duration.ofHours(3));
    StepClock late = c.extend(time, at("2025-10-13T11:00"), Duration.ofHours(1));
    assertThat(late.deadline()).isEqualTo(at("2025-10-13T12:00"));
  }

  @Test
  void budget_ofAnEmptyCalendarMap_isMondayToFriday() {
    WorkingTime plain = new WorkingTime(WorkingTimeTest.SHANGHAI, WorkingTimeTest.DEFAULT, Map.of());
    assertThat(plain.isWorkday(java.time.LocalDate.of(2025, 10, 1))).isTrue();
    assertThat(plain.isWorkday(java.time.LocalDate.of(2025, 10, 4))).isFalse();
  }
}
