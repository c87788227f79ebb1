package org.gridguard.hub.device;

import java.time.Instant;
import java.util.List;
import org.gridguard.hub.gateway.ConfigSyncState;

/**
 * Where a gateway's pushed configuration stands (PROTOCOL.md §10).
 *
 * @param desiredVersion the hub's push version (0 while none was assembled)
 * @param appliedVersion the version the edge runs (0 = none), null while it never said
 * @param state in_sync, pending, failed or offline ({@link ConfigSyncState})
 * @param lastResultVersion the version of the edge's last answer, or null
 * @param problems the problems of the edge's last refusal, one per entry with its YAML path
 * @param assemblyProblem why the registry could not be assembled at the last try, or null
 * @param detail one sentence for people: what the state means and what to do
 */
public record ConfigStatus(String gatewayId, long desiredVersion, Long appliedVersion,
    ConfigSyncState state, Long lastResultVersion, Instant lastResultAt, Boolean lastResultOk,
    List<String> problems, String assemblyProblem, String detail) {
  public ConfigStatus {
    problems = problems == null ? List.of() : List.copyOf(problems);
  }
}
