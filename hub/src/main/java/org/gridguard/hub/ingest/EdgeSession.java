package org.gridguard.hub.ingest;

import java.util.Objects;
import java.util.Set;
import org.gridguard.protocol.ProtocolFeatures;

/**
 * What a live session of this hub instance said in its Hello, for the features that act on
 * gateways (config push, commands). Immutable; {@link EdgeSessions#send} takes it back so a
 * message meant for one session never reaches its successor.
 *
 * @param features the features both sides use ({@code Hello.features} ∩ the hub's)
 * @param configVersion {@code Hello.config_version}: the push version the edge runs, 0 = none
 */
public record EdgeSession(String gatewayId, String sessionId, Set<String> features,
    long configVersion) {
  public EdgeSession {
    Objects.requireNonNull(gatewayId, "gatewayId");
    Objects.requireNonNull(sessionId, "sessionId");
    features = Set.copyOf(features);
  }

  /** Whether the edge listed {@code command.v1} (ConfigPush, Command, CommandResult; §10). */
  public boolean commands() {
    return features.contains(ProtocolFeatures.COMMAND_V1);
  }
}
