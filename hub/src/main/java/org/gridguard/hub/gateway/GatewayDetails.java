package org.gridguard.hub.gateway;

import java.time.Instant;
import java.util.List;

/**
 * What the registry knows about a gateway beyond its credential: where it is (set by a
 * technician), what the edge reported (software version, last seen), and its pushed
 * configuration (table {@code gateway_config}): desired and applied versions with the edge's last
 * answer.
 *
 * @param configVersion desired push version; 0 while none was assembled
 * @param appliedConfigVersion the version the edge runs (0 = none), or null while unknown
 * @param configResultVersion the version of the edge's last answer, or null
 * @param configResultOk whether that answer was ok, or null
 * @param configProblems the problems of that answer, one per line with their path, or null
 * @param configPushFailedVersion a version whose pushes went unanswered, or null
 * @param online the derived health says the gateway is connected (ONLINE or DEGRADED)
 */
public record GatewayDetails(String id, String gridCode, boolean revoked, String address,
    Double lat, Double lon, String notes, String softwareVersion, Instant lastSeenAt,
    long configVersion, Long appliedConfigVersion, Long configResultVersion,
    Boolean configResultOk, String configProblems, Instant configResultAt,
    Long configPushFailedVersion, boolean online) {

  public ConfigSyncState configState() {
    return ConfigSyncState.of(configVersion, appliedConfigVersion == null ? 0
        : appliedConfigVersion, configResultVersion, configResultOk, configPushFailedVersion,
        online);
  }

  /** The edge's problems, one per entry. */
  public List<String> configProblemList() {
    return problems(configProblems);
  }

  /** Problems as stored (one per line) → a list; null or blank → empty. */
  public static List<String> problems(String text) {
    return text == null || text.isBlank() ? List.of()
        : text.lines().filter(l -> !l.isBlank()).toList();
  }
}
