package org.gridguard.hub.alarm;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.gridguard.hub.audit.AuditEntry;
import org.gridguard.hub.audit.AuditLog;
import org.gridguard.hub.security.HubPrincipal;
import org.gridguard.hub.value.GridCode;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/**
 * The alarm use cases for callers: list, read (with history), acknowledge, mark false (误报),
 * false-alarm rates. Scoped to the caller's grids in SQL (out of scope = 404 like absent); each
 * change is one conditional UPDATE (a second ack or false mark answers 409 saying who did it),
 * a history row and an audit line, in one transaction.
 */
@Service
class AlarmService {
  static final int MAX_NOTE = 2000;
  static final int HISTORY_LIMIT = 500;
  static final Duration MAX_RATE_PERIOD = Duration.ofDays(400);

  private final AlarmReads reads;
  private final JdbcTemplate jdbc;
  private final AuditLog audit;
  private final Clock clock;

  AlarmService(AlarmReads reads, JdbcTemplate jdbc, AuditLog audit, Clock clock) {
    this.reads = reads;
    this.jdbc = jdbc;
    this.audit = audit;
    this.clock = clock;
  }

  @Transactional(readOnly = true)
  public AlarmView.Page list(HubPrincipal caller, AlarmQuery q) {
    if (q.grid() != null && !GridCode.isValid(q.grid())) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "grid: " + GridCode.rule());
    }
    if (q.from() != null && q.to() != null && !q.from().isBefore(q.to())) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "from: must be before to");
    }
    return reads.list(caller.scope(), q);
  }

  @Transactional(readOnly = true)
  public AlarmView get(HubPrincipal caller, long id) {
    AlarmView a = inScope(caller, id);
    return a.with(AlarmIntake.STORM.equals(a.type()) ? reads.stormCounts(id) : null,
        reads.history(id, HISTORY_LIMIT));
  }

  @Transactional
  public AlarmView acknowledge(HubPrincipal caller, long id, String note, String address) {
    AlarmView a = inScope(caller, id);
    Instant now = clock.instant();
    if (jdbc.update("UPDATE alarm SET acked_by = ?, acked_at = ? WHERE id = ? AND acked_at IS "
        + "NULL", caller.username(), Timestamp.from(now), id) == 0) {
      AlarmView current = inScope(caller, id);
      throw new ResponseStatusException(HttpStatus.CONFLICT, "alarm " + id + " was already "
          + "acknowledged by " + current.acknowledgedBy() + " at " + current.acknowledgedAt());
    }
    history(id, now, "ACK", caller, note);
    audit.record(AuditEntry.success(caller.username(), address, "alarm.ack", "alarm",
        Long.toString(a.id())));
    return get(caller, id);
  }

  @Transactional
  public AlarmView markFalse(HubPrincipal caller, long id, String note, String address) {
    if (note == null || note.isBlank()) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
          "note: say why the alarm is false (误报), e.g. \"cooking smoke, no fire\"");
    }
    if (note.length() > MAX_NOTE) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "note: at most " + MAX_NOTE
          + " characters, was " + note.length());
    }
    inScope(caller, id);
    Instant now = clock.instant();
    if (jdbc.update("UPDATE alarm SET false_by = ?, false_at = ?, false_note = ? WHERE id = ? "
        + "AND false_at IS NULL", caller.username(), Timestamp.from(now), note.strip(), id) == 0) {
      AlarmView current = inScope(caller, id);
      throw new ResponseStatusException(HttpStatus.CONFLICT, "alarm " + id + " was already "
          + "marked false by " + current.falseBy() + " at " + current.falseAt());
    }
    history(id, now, "FALSE", caller, note.strip());
    audit.record(AuditEntry.success(caller.username(), address, "alarm.false", "alarm",
        Long.toString(id)));
    return get(caller, id);
  }

  @Transactional(readOnly = true)
  public AlarmView.FalseRates falseRates(HubPrincipal caller, Instant from, Instant to,
      int limit) {
    if (from == null || to == null) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
          "from, to: both required (e.g. from=2025-10-01&to=2025-11-01)");
    }
    if (!from.isBefore(to) || Duration.between(from, to).compareTo(MAX_RATE_PERIOD) > 0) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "from, to: from before to, at "
          + "most " + MAX_RATE_PERIOD.toDays() + " days apart, were " + from + " and " + to);
    }
    return reads.falseRates(caller.scope(), from, to, limit);
  }

  private void history(long id, Instant now, String action, HubPrincipal caller, String note) {
    jdbc.update("INSERT INTO alarm_history (alarm_id, at, action, actor, note) VALUES "
        + "(?, ?, ?, ?, ?)", id, Timestamp.from(now), action, caller.username(),
        note == null || note.isBlank() ? null : note.strip());
  }

  private AlarmView inScope(HubPrincipal caller, long id) {
    return reads.find(id, caller.scope()).orElseThrow(() ->
        new ResponseStatusException(HttpStatus.NOT_FOUND, "no alarm " + id));
  }
}
