package org.gridguard.hub.incident;

import java.sql.Date;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * The working calendar's tables. {@link #workingTime()} reads them afresh for every transaction
 * (a few hundred rows; once per transaction, however often it asks), so an edit on one hub
 * instance holds on all of them from their next transaction.
 */
@Repository
class CalendarRepository {
  private static final RowMapper<CalendarDay> DAY = (rs, i) -> new CalendarDay(
      rs.getDate("cal_date").toLocalDate(), DayKind.valueOf(rs.getString("kind")), rs.getString("name"));

  private final JdbcTemplate jdbc;
  private final IncidentProperties config;
  private final TransactionMemo<Boolean, WorkingTime> memo = new TransactionMemo<>();

  CalendarRepository(JdbcTemplate jdbc, IncidentProperties config) {
    this.jdbc = jdbc;
    this.config = config;
  }

  WorkingTime workingTime() {
    // one read per transaction: an alarm's incident, its registration and its dispatch each
    // ask (six queries become two), and a transaction sees one calendar throughout
    return memo.get(Boolean.TRUE, k -> read());
  }

  /** Drops this transaction's memo (after a write to the calendar). */
  private void forget() {
    memo.forget();
  }

  private WorkingTime read() {
    Map<LocalDate, DayKind> days = new HashMap<>();
    jdbc.query("SELECT cal_date, kind FROM work_calendar", rs -> {
      days.put(rs.getDate("cal_date").toLocalDate(), DayKind.valueOf(rs.getString("kind")));
    });
    return new WorkingTime(config.zone(), periods(), days);
  }

  List<WorkPeriod> periods() {
    return jdbc.query("SELECT start_time, end_time FROM work_period ORDER BY start_time",
        (rs, i) -> new WorkPeriod(LocalTime.parse(rs.getString(1)), LocalTime.parse(rs.getString(2))));
  }

  void setPeriods(List<WorkPeriod> periods) {
    forget();
    jdbc.update("DELETE FROM work_period");
    jdbc.batchUpdate("INSERT INTO work_period (start_time, end_time) VALUES (?, ?)", periods,
        periods.size(), (ps, p) -> {
          ps.setString(1, p.start().toString());
          ps.setString(2, p.end().toString());
        });
  }

  List<CalendarDay> year(int year) {
    return jdbc.query("SELECT * FROM work_calendar WHERE cal_date >= ? AND cal_date < ? ORDER BY cal_date", DAY,
        Date.valueOf(LocalDate.of(year, 1, 1)), Date.valueOf(LocalDate.of(year + 1, 1, 1)));
  }

  /** Sets the dates (each replacing what the date had). */
  void put(List<CalendarDay> days) {
    forget();
    for (CalendarDay d : days) {
      int n = jdbc.update("UPDATE work_calendar SET kind = ?, name = ? WHERE cal_date = ?",
          d.kind().name(), d.name(), Date.valueOf(d.date()));
      if (n == 0) {
        jdbc.update("INSERT INTO work_calendar (cal_date, kind, name) VALUES (?, ?, ?)",
            Date.valueOf(d.date()), d.kind().name(), d.name());
      }
    }
  }

  /** @return whether the date had an entry */
  boolean remove(LocalDate date) {
    forget();
    return jdbc.update("DELETE FROM work_calendar WHERE cal_date = ?", Date.valueOf(date)) == 1;
  }
}
