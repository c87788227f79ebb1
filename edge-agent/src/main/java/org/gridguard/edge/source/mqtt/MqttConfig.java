package org.gridguard.edge.source.mqtt;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Objects;
import org.gridguard.edge.config.ConfigNode;
import org.gridguard.edge.mapping.BadTimestamps;

/**
 * The {@code mqtt:} slice of the agent config. The client id must be stable across restarts:
 * it names the persistent session in which the broker keeps unacknowledged QoS 1 messages.
 * {@code queueCapacity} bounds messages received but not yet mapped; keep it at least the
 * broker's {@code max_inflight_messages} so QoS 1 traffic never overflows it.
 * {@code watchBrokerDrops} subscribes to the broker's {@code $SYS} drop counter and reports its
 * increases ({@link BrokerDropWatch}); brokers without {@code $SYS} simply send nothing.
 * {@code badTimestamps}: a device time outside 2000–2100 is replaced by the receive time and
 * the record marked, or the message dead-lettered ({@link BadTimestamps}).
 */
public record MqttConfig(String broker, String clientId, String username, String password,
    Duration keepAlive, Duration connectTimeout, Duration maxReconnectDelay, int queueCapacity,
    boolean watchBrokerDrops, BadTimestamps badTimestamps) {

  public MqttConfig(String broker, String clientId, String username, String password,
      Duration keepAlive, Duration connectTimeout, Duration maxReconnectDelay, int queueCapacity,
      boolean watchBrokerDrops) {
    this(broker, clientId, username, password, keepAlive, connectTimeout, maxReconnectDelay,
        queueCapacity, watchBrokerDrops, BadTimestamps.REPLACE);
  }

  public MqttConfig {
    Objects.requireNonNull(badTimestamps);
    Objects.requireNonNull(broker);
    Objects.requireNonNull(clientId);
    Objects.requireNonNull(keepAlive);
    Objects.requireNonNull(connectTimeout);
    Objects.requireNonNull(maxReconnectDelay);
    if (clientId.isEmpty() || clientId.length() > 23 * 4) {
      throw new IllegalArgumentException("client id must have 1-92 characters");
    }
    if (queueCapacity < 1) {
      throw new IllegalArgumentException("queueCapacity must be ≥ 1");
    }
  }

  public static MqttConfig from(ConfigNode node) {
    String broker = node.string("broker", "tcp://127.0.0.1:1883");
    try {
      URI uri = new URI(broker);
      if (!"tcp".equals(uri.getScheme()) && !"ssl".equals(uri.getScheme())
          || uri.getHost() == null || uri.getPort() < 1) {
        node.problem("broker", "must look like tcp://host:port or ssl://host:port, was '" + broker + "'");
      }
    } catch (URISyntaxException e) {
      node.problem("broker", "not a URI: " + e.getMessage());
    }
    String clientId = node.string("client_id");
    if (!clientId.isEmpty() && !clientId.matches("[A-Za-z0-9._-]{1,92}")) {
      node.problem("client_id", "must be 1-92 characters of [A-Za-z0-9._-], was '" + clientId + "'");
    }
    String username = node.string("username", null);
    String password = node.string("password", null);
    if (password != null && username == null) {
      node.problem("password", "given without username");
    }
    MqttConfig c = new MqttConfig(broker, clientId.isEmpty() ? "invalid" : clientId, username,
        password,
        node.duration("keep_alive", Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofMinutes(10)),
        node.duration("connect_timeout", Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofMinutes(5)),
        node.duration("max_reconnect_delay", Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofMinutes(10)),
        (int) node.integer("queue_capacity", 10_000, 1, 1_000_000),
        node.flag("watch_broker_drops", true),
        BadTimestamps.valueOf(node.oneOf("bad_timestamps", "replace",
            java.util.List.of("replace", "dead_letter")).toUpperCase(java.util.Locale.ROOT)));
    node.rejectUnknownKeys();
    return c;
  }

  @Override
  public String toString() {
    return "MqttConfig[broker=" + broker + ", clientId=" + clientId + ", username=" + username
        + ", password=" + (password == null ? "none" : "***") + "]";
  }
}
