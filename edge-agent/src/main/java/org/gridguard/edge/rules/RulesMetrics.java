package org.gridguard.edge.rules;

import java.util.concurrent.atomic.LongAdder;

/** Counters of the edge rules engine. */
public final class RulesMetrics {
  final LongAdder offered = new LongAdder();
  final LongAdder droppedQueueFull = new LongAdder();
  final LongAdder evaluated = new LongAdder();
  final LongAdder begun = new LongAdder();
  final LongAdder ended = new LongAdder();
  final LongAdder deduplicated = new LongAdder();
  final LongAdder refusedOpenLimit = new LongAdder();
  final LongAdder refusedDeviceLimit = new LongAdder();
  final LongAdder spoolFailures = new LongAdder();
  final LongAdder stateSaveFailures = new LongAdder();
  final LongAdder thresholdsOverridden = new LongAdder();
  final LongAdder endsPostponed = new LongAdder();
  final LongAdder debounceFiredByTick = new LongAdder();
  final LongAdder unitRefused = new LongAdder();

  public long offered() {
    return offered.sum();
  }

  /** Records not evaluated because the rules queue was full (they are still in the spool). */
  public long droppedQueueFull() {
    return droppedQueueFull.sum();
  }

  public long evaluated() {
    return evaluated.sum();
  }

  public long begun() {
    return begun.sum();
  }

  public long ended() {
    return ended.sum();
  }

  /** Triggers of an alarm that was already open (same physical event). */
  public long deduplicated() {
    return deduplicated.sum();
  }

  public long refusedOpenLimit() {
    return refusedOpenLimit.sum();
  }

  public long refusedDeviceLimit() {
    return refusedDeviceLimit.sum();
  }

  public long spoolFailures() {
    return spoolFailures.sum();
  }

  /** Times the open alarms could not be written to their state file. */
  public long stateSaveFailures() {
    return stateSaveFailures.sum();
  }

  /** Threshold checks skipped because the same message carried the device's own state. */
  public long thresholdsOverridden() {
    return thresholdsOverridden.sum();
  }

  /** ENDs asked for in the millisecond their alarm began, emitted on the next tick instead. */
  public long endsPostponed() {
    return endsPostponed.sum();
  }

  /** Threshold alarms begun by the tick: the breach held for its debounce with no new sample. */
  public long debounceFiredByTick() {
    return debounceFiredByTick.sum();
  }

  /** Readings a rule did not judge: their unit cannot be converted into the rule's unit. */
  public long unitRefused() {
    return unitRefused.sum();
  }

  @Override
  public String toString() {
    return "rules{offered=" + offered() + ", dropped_queue_full=" + droppedQueueFull()
        + ", evaluated=" + evaluated() + ", begun=" + begun() + ", ended=" + ended()
        + ", deduplicated=" + deduplicated() + ", refused_open_limit=" + refusedOpenLimit()
        + ", refused_device_limit=" + refusedDeviceLimit() + ", spool_failures="
        + spoolFailures() + ", state_save_failures=" + stateSaveFailures()
        + ", thresholds_overridden=" + thresholdsOverridden() + ", ends_postponed="
        + endsPostponed() + ", debounce_fired_by_tick=" + debounceFiredByTick()
        + ", unit_refused=" + unitRefused() + "}";
  }
}
