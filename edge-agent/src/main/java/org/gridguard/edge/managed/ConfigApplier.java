package org.gridguard.edge.managed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.gridguard.edge.detect.CameraConfig;
import org.gridguard.edge.mapping.MappingConfig;
import org.gridguard.edge.rules.RulesConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a judged configuration to the running agent, all or none: cameras removed are
 * stopped, changed ones restarted, new ones started (unchanged cameras are not touched, so
 * their learned baselines stay); then a changed MQTT mapping is swapped in (the subscription
 * following it); then the rules are reloaded. If a step fails, every step already taken is
 * undone — the previous mapping and cameras run again — and the failure is reported. Only when
 * everything succeeded do the alarms of removed cameras get their END.
 */
final class ConfigApplier {
  private static final Logger log = LoggerFactory.getLogger(ConfigApplier.class);
  static final Duration RULES_RELOAD_WAIT = Duration.ofSeconds(10);

  /** The cameras as the applier drives them (the agent's {@code VideoAnalysis}). */
  interface Cameras {
    void start(CameraConfig camera);

    void stop(String id);

    /** Ends the open alarms of cameras that do not run now; returns how many. */
    int endAlarmsOfStopped();
  }

  /** The rules as the applier drives them (the agent's {@code RuleEngine}). */
  interface Rules {
    CompletableFuture<Integer> reload(RulesConfig rules, String why);
  }

  /** The MQTT mapping as the applier drives it (the agent's {@code MqttSource}). */
  interface Mapping {
    /**
     * Puts a mapper for {@code next} in force for every message taken from now on, the
     * subscription following its topic filters; on failure the previous one stays in force.
     *
     * @return what changed, and how to put the previous mapping back
     */
    Remapped swap(MappingConfig next) throws Exception;
  }

  /** A mapping swap that happened: what it changed, and its undo. */
  record Remapped(String describe, Undo undo) {
  }

  /** Puts the previous mapping back. */
  @FunctionalInterface
  interface Undo {
    void undo() throws Exception;
  }

  /** What applying changed; {@code mapping} is {@code null} when the mapping was unchanged. */
  record Applied(CameraDiff cameras, boolean rulesReloaded, String mapping, int alarmsEnded) {
    String describe() {
      return "cameras started " + CameraDiff.ids(cameras.added()) + ", stopped "
          + CameraDiff.ids(cameras.removed()) + ", restarted " + CameraDiff.ids(cameras.changed())
          + ", " + cameras.unchanged().size() + " unchanged; rules "
          + (rulesReloaded ? "reloaded" : "unchanged") + "; mapping "
          + (mapping == null ? "unchanged" : "swapped (" + mapping + ")") + "; " + alarmsEnded
          + " alarm(s) ended";
    }
  }

  /** Applying failed; the previous configuration runs (as far as the rollback succeeded). */
  static final class ApplyFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    ApplyFailedException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final Cameras cameras;
  private final Rules rules;
  /** {@code null} when the agent runs no MQTT source. */
  private final Mapping mapping;

  ConfigApplier(Cameras cameras, Rules rules) {
    this(cameras, rules, null);
  }

  /** @param mapping {@code null} when the agent runs no MQTT source */
  ConfigApplier(Cameras cameras, Rules rules, Mapping mapping) {
    this.cameras = cameras;
    this.rules = rules;
    this.mapping = mapping;
  }

  Applied apply(ManagedConfig from, ManagedConfig to, String why) throws ApplyFailedException {
    boolean remap = from.mappingDiffers(to);
    if (remap && (mapping == null || to.mapping() == null)) {
      throw new ApplyFailedException(mapping == null
          ? "mapping: this agent runs no MQTT source (its local file had no mqtt section at "
              + "start), so there is nothing to map; add an mqtt section to the gateway's file "
              + "and restart the agent, or push no mapping to this gateway; nothing applied"
          : "mapping: the configuration has no mapping section but this agent runs an MQTT "
              + "source; restart the agent to run without one; nothing applied", null);
    }
    CameraDiff diff = CameraDiff.between(from.cameras(), to.cameras());
    List<CameraConfig> stopped = new ArrayList<>();
    List<String> started = new ArrayList<>();
    Remapped remapped = null;
    String step = "";
    try {
      List<CameraConfig> toStop = new ArrayList<>(diff.removed());
      toStop.addAll(oldOf(from, diff.changed()));
      for (CameraConfig c : toStop) {
        step = "stopping camera " + c.id();
        cameras.stop(c.id());
        stopped.add(c);
      }
      List<CameraConfig> toStart = new ArrayList<>(diff.changed());
      toStart.addAll(diff.added());
      for (CameraConfig c : toStart) {
        step = "starting camera " + c.id();
        cameras.start(c);
        started.add(c.id());
      }
      if (remap) {
        step = "swapping the MQTT mapping";
        remapped = mapping.swap(to.mapping());
      }
      boolean reload = !from.rules().equals(to.rules());
      int ended = 0;
      if (reload) {
        step = "reloading the rules";
        ended += rules.reload(to.rules(), why).get(RULES_RELOAD_WAIT.toMillis(),
            TimeUnit.MILLISECONDS);
      }
      ended += cameras.endAlarmsOfStopped();
      return new Applied(diff, reload, remapped == null ? null : remapped.describe(), ended);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw rollback(step, e, started, stopped, remapped);
    } catch (ExecutionException e) {
      throw rollback(step, e.getCause(), started, stopped, remapped);
    } catch (TimeoutException e) {
      throw rollback(step + " (no answer within " + RULES_RELOAD_WAIT.toSeconds() + " s)", e,
          started, stopped, remapped);
    } catch (Exception e) {
      throw rollback(step, e, started, stopped, remapped);
    }
  }

  private static List<CameraConfig> oldOf(ManagedConfig from, List<CameraConfig> changed) {
    List<String> ids = CameraDiff.ids(changed);
    return from.cameras().stream().filter(c -> ids.contains(c.id())).toList();
  }

  /**
   * Undoes the steps taken, newest first: the mapping swap, then the cameras; the rules were
   * the last step, never half-done.
   */
  private ApplyFailedException rollback(String step, Throwable cause, List<String> started,
      List<CameraConfig> stopped, Remapped remapped) {
    log.error("applying the configuration failed while {}; rolling back", step, cause);
    List<String> problems = new ArrayList<>();
    if (remapped != null) {
      try {
        remapped.undo().undo();
      } catch (Exception e) {
        problems.add("putting the previous MQTT mapping back: " + e.getMessage());
      }
    }
    for (int i = started.size() - 1; i >= 0; i--) {
      try {
        cameras.stop(started.get(i));
      } catch (RuntimeException e) {
        problems.add("stopping camera " + started.get(i) + ": " + e.getMessage());
      }
    }
    for (int i = stopped.size() - 1; i >= 0; i--) {
      try {
        cameras.start(stopped.get(i));
      } catch (RuntimeException e) {
        problems.add("restarting camera " + stopped.get(i).id() + ": " + e.getMessage());
      }
    }
    String message = "applying failed while " + step + ": " + describe(cause) + "; "
        + (problems.isEmpty() ? "rolled back, the previous configuration runs"
            : "the rollback failed too: " + String.join("; ", problems));
    return new ApplyFailedException(message, cause);
  }

  private static String describe(Throwable cause) {
    return cause instanceof org.gridguard.edge.source.mqtt.SubscriptionFailedException
        ? cause.getMessage() : String.valueOf(cause);
  }
}
