package org.gridguard.hub.incident;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Working time over a calendar, pure: which dates are workdays (Monday–Friday unless the
 * calendar says otherwise — public holidays, make-up workdays 调休), the work periods of a
 * working day, and the zone they are in. Computes deadlines ({@link #plus}) and how much of a
 * limit is used ({@link #between}) for each {@link LimitKind}: URGENT_HOURS count wall-clock
 * time, WORKING_HOURS and WORKING_DAYS only time inside work periods of workdays (a working day
 * being {@link #dayLength()} of it).
 */
final class WorkingTime {
  /** How far a computation looks for working time before deciding the calendar has none. */
  static final int MAX_DAYS = 3660;

  private final ZoneId zone;
  private final List<WorkPeriod> periods;
  private final Map<LocalDate, DayKind> days;
  private final Duration dayLength;

  WorkingTime(ZoneId zone, List<WorkPeriod> periods, Map<LocalDate, DayKind> days) {
    this.zone = Objects.requireNonNull(zone, "zone");
    this.periods = WorkPeriod.validDay(periods);
    this.days = Map.copyOf(days);
    this.dayLength = this.periods.stream().map(p -> Duration.between(p.start(), p.end()))
        .reduce(Duration.ZERO, Duration::plus);
  }

  ZoneId zone() {
    return zone;
  }

  List<WorkPeriod> periods() {
    return periods;
  }

  /** The working time of one working day (7.5 h with 08:30–12:00 and 13:30–17:30). */
  Duration dayLength() {
    return dayLength;
  }

  boolean isWorkday(LocalDate date) {
    DayKind kind = days.get(date);
    if (kind != null) {
      return kind == DayKind.WORKDAY;
    }
    DayOfWeek dow = date.getDayOfWeek();
    return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY;
  }

  /** A limit of {@code amount} hours (or days for WORKING_DAYS) as time of its kind. */
  Duration budget(LimitKind kind, double amount) {
    if (!(amount >= 0) || Double.isInfinite(amount)) {
      throw new IllegalArgumentException("a time limit must be a finite amount >= 0, was " + amount);
    }
    double seconds = kind == LimitKind.WORKING_DAYS
        ? amount * dayLength.toSeconds() : amount * 3600;
    return Duration.ofSeconds(Math.round(seconds));
  }

  /**
   * The moment {@code amount} of {@code kind} time after {@code start}: for working time, the
   * instant the amount is used up inside work periods (start outside a period counts from the
   * next one; ending exactly at a period's end gives that end, not the next period's start).
   *
   * @throws IllegalStateException if the calendar has no working time for {@value #MAX_DAYS} days
   */
  Instant plus(Instant start, LimitKind kind, Duration amount) {
    if (amount.isNegative()) {
      throw new IllegalArgumentException("amount must not be negative, was " + amount);
    }
    if (kind == LimitKind.URGENT_HOURS || amount.isZero()) {
      return start.plus(amount);
    }
    Duration left = amount;
    LocalDate day = start.atZone(zone).toLocalDate();
    for (int i = 0; i < MAX_DAYS; i++, day = day.plusDays(1)) {
      if (!isWorkday(day)) {
        continue;
      }
      for (WorkPeriod p : periods) {
        Instant periodStart = day.atTime(p.start()).atZone(zone).toInstant();
        Instant periodEnd = day.atTime(p.end()).atZone(zone).toInstant();
        Instant from = periodStart.isAfter(start) ? periodStart : start;
        if (!from.isBefore(periodEnd)) {
          continue;
        }
        Duration available = Duration.between(from, periodEnd);
        if (available.compareTo(left) >= 0) {
          return from.plus(left);
        }
        left = left.minus(available);
      }
    }
    throw new IllegalStateException("the working calendar has no working time in the "
        + MAX_DAYS + " days after " + start + "; check the work periods and the holidays");
  }

  /**
   * The time of {@code kind} from {@code from} to {@code to}: negative when {@code to} is
   * earlier. For working time only the parts inside work periods of workdays count.
   */
  Duration between(Instant from, Instant to, LimitKind kind) {
    if (kind == LimitKind.URGENT_HOURS) {
      return Duration.between(from, to);
    }
    if (to.isBefore(from)) {
      return between(to, from, kind).negated();
    }
    Duration sum = Duration.ZERO;
    LocalDate day = from.atZone(zone).toLocalDate();
    LocalDate last = to.atZone(zone).toLocalDate();
    for (int i = 0; !day.isAfter(last) && i <= MAX_DAYS * 3; i++, day = day.plusDays(1)) {
      if (!isWorkday(day)) {
        continue;
      }
      for (WorkPeriod p : periods) {
        Instant periodStart = day.atTime(p.start()).atZone(zone).toInstant();
        Instant periodEnd = day.atTime(p.end()).atZone(zone).toInstant();
        Instant a = periodStart.isAfter(from) ? periodStart : from;
        Instant b = periodEnd.isBefore(to) ? periodEnd : to;
        if (a.isBefore(b)) {
          sum = sum.plus(Duration.between(a, b));
        }
      }
    }
    return sum;
  }
}
