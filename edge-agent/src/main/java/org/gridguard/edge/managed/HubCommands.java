package org.gridguard.edge.managed;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.gridguard.edge.metrics.Metrics;
import org.gridguard.protocol.v1.Command;
import org.gridguard.protocol.v1.CommandResult;

/**
 * The hub's commands (PROTOCOL.md §10): {@code request_snapshot} grabs the camera's next
 * frame and sends it as an evidence item, answering with its id; {@code reload_mapping}
 * re-reads the local file and applies its mapping ({@link MappingReload}).
 */
final class HubCommands {
  static final Duration SNAPSHOT_WAIT = Duration.ofSeconds(20);

  private final Function<String, CompletableFuture<String>> snapshots;
  private final Supplier<MappingReload.Outcome> reloadMapping;
  private final Metrics metrics;

  /**
   * @param snapshots camera id → the evidence id once the snapshot is in the spool
   * @param reloadMapping carries out {@code reload_mapping}
   */
  HubCommands(Function<String, CompletableFuture<String>> snapshots,
      Supplier<MappingReload.Outcome> reloadMapping, Metrics metrics) {
    this.snapshots = snapshots;
    this.reloadMapping = reloadMapping;
    this.metrics = metrics;
  }

  CommandResult run(Command command) {
    CommandResult.Builder result = CommandResult.newBuilder()
        .setCommandId(command.getCommandId());
    switch (command.getBodyCase()) {
      case REQUEST_SNAPSHOT -> {
        String camera = command.getRequestSnapshot().getDeviceId();
        metrics.counter("commands.snapshots").increment();
        try {
          String evidenceId = snapshots.apply(camera)
              .get(SNAPSHOT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
          return result.setOk(true).addEvidenceIds(evidenceId)
              .setMessage("snapshot of camera " + camera + " sent as evidence " + evidenceId)
              .build();
        } catch (ExecutionException e) {
          return failed(result, "snapshot of camera " + camera + " failed: "
              + e.getCause().getMessage());
        } catch (TimeoutException e) {
          return failed(result, "snapshot of camera " + camera + ": no frame within "
              + SNAPSHOT_WAIT.toSeconds() + " s");
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return failed(result, "snapshot of camera " + camera + ": the agent is stopping");
        }
      }
      case RELOAD_MAPPING -> {
        metrics.counter("commands.reload_mapping").increment();
        MappingReload.Outcome outcome = reloadMapping.get();
        return outcome.ok() ? result.setOk(true).setMessage(outcome.message()).build()
            : failed(result, outcome.message());
      }
      default -> {
        return failed(result, "unknown command (no body this edge agent knows); "
            + "not carried out");
      }
    }
  }

  private CommandResult failed(CommandResult.Builder result, String message) {
    metrics.counter("commands.failed").increment();
    return result.setOk(false).setMessage(message).build();
  }
}
