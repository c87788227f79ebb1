package org.gridguard.edge.alarm;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open alarms of one alarm source (the edge rules, the cameras), typed and persisted: every
 * alarm source keeps its open alarms here so that each BEGIN gets its END, with the same id,
 * after a restart as well. Loaded from its {@link OpenAlarmsFile} when created; {@link #save()}
 * writes it when it changed. Bounded ({@code maxOpen}; a new alarm past it is refused and
 * counted). Thread-safe.
 */
public final class OpenAlarmBook {
  private static final Logger LOG = LoggerFactory.getLogger(OpenAlarmBook.class);

  private final Map<AlarmKey, OpenAlarm> open = new LinkedHashMap<>();
  private final OpenAlarmsFile file;
  private volatile int maxOpen;
  private final List<OpenAlarm> restored;
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong saveFailures = new AtomicLong();
  private boolean dirty;

  /**
   * @param file where the alarms survive restarts; {@code null} keeps them in memory only
   */
  public OpenAlarmBook(OpenAlarmsFile file, int maxOpen) {
    if (maxOpen < 1) {
      throw new IllegalArgumentException("an open alarm book needs room for at least one alarm, "
          + "was " + maxOpen);
    }
    this.file = file;
    this.maxOpen = maxOpen;
    if (file != null) {
      open.putAll(file.load(maxOpen));
    }
    this.restored = List.copyOf(open.values());
    if (!restored.isEmpty()) {
      LOG.info("{}: {} alarm(s) still open from before the restart: {}", file.path(),
          restored.size(), open.keySet());
    }
  }

  /** The alarms that were open when the book was loaded (before this process began). */
  public List<OpenAlarm> restored() {
    return restored;
  }

  public synchronized OpenAlarm get(AlarmKey key) {
    return open.get(key);
  }

  public synchronized boolean isOpen(AlarmKey key) {
    return open.containsKey(key);
  }

  /**
   * Adds a new open alarm. False when one is already open for its key, or the book is full
   * (counted in {@link #refused()}).
   */
  public synchronized boolean open(OpenAlarm alarm) {
    if (open.containsKey(alarm.key())) {
      return false;
    }
    if (open.size() >= maxOpen) {
      refused.incrementAndGet();
      return false;
    }
    open.put(alarm.key(), alarm);
    dirty = true;
    return true;
  }

  /** Replaces the open alarm of the same key (a new trigger, a longer hold). */
  public synchronized void update(OpenAlarm alarm) {
    if (open.replace(alarm.key(), alarm) != null) {
      dirty = true;
    }
  }

  /** Removes and returns the open alarm of the key (its END is being emitted), or null. */
  public synchronized OpenAlarm close(AlarmKey key) {
    OpenAlarm removed = open.remove(key);
    if (removed != null) {
      dirty = true;
    }
    return removed;
  }

  /** A copy of the open alarms, in the order they began. */
  public synchronized List<OpenAlarm> all() {
    return new ArrayList<>(open.values());
  }

  public synchronized int size() {
    return open.size();
  }

  /** Alarms not opened because the book was full, since start. */
  public long refused() {
    return refused.get();
  }

  /** Failed writes of the file, since start (each is retried at the next save). */
  public long saveFailures() {
    return saveFailures.get();
  }

  public int capacity() {
    return maxOpen;
  }

  /** Raises the bound to at least {@code maxOpen} (more cameras configured); never lowers it. */
  public synchronized void ensureCapacity(int maxOpen) {
    if (maxOpen > this.maxOpen) {
      this.maxOpen = maxOpen;
    }
  }

  /**
   * Writes the file if anything changed since the last successful write. A failure is logged,
   * counted and retried by the next call; returns false then.
   */
  public boolean save() {
    if (file == null) {
      return true;
    }
    synchronized (file) { // one writer at a time, each writing the newest state it saw
      List<OpenAlarm> snapshot;
      synchronized (this) {
        if (!dirty) {
          return true;
        }
        snapshot = new ArrayList<>(open.values());
        dirty = false;
      }
      try {
        file.save(snapshot);
        return true;
      } catch (IOException e) {
        synchronized (this) {
          dirty = true;
        }
        saveFailures.incrementAndGet();
        LOG.warn("{}: cannot save open alarms ({}); will retry", file.path(), e.toString());
        return false;
      }
    }
  }
}
