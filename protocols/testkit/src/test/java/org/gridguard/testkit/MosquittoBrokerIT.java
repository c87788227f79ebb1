package org.gridguard.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MosquittoBrokerIT {
  private static final Path SUB = Path.of("/usr/bin/mosquitto_sub");
  private static final Path PUB = Path.of("/usr/bin/mosquitto_pub");

  @RegisterExtension static final MosquittoBroker broker = new MosquittoBroker();

  @Test
  void publishQos1_persistentSubscriberOffline_receivesItOnReconnect() {
    subscribe("it-sub-1", "site/a/door");

    publish("site/a/door", "{\"open\":true}");

    assertThat(receiveOne("it-sub-1", "site/a/door")).isEqualTo("{\"open\":true}");
  }

  @Test
  void stopThenStart_queuedQos1Message_deliveredAfterRestart() {
    subscribe("it-sub-2", "site/b/smoke");
    publish("site/b/smoke", "alarm");
    int port = broker.port();

    broker.stop();
    broker.start();

    assertThat(broker.port()).isEqualTo(port);
    assertThat(broker.serverUri()).isEqualTo("tcp://127.0.0.1:" + port);
    assertThat(receiveOne("it-sub-2", "site/b/smoke")).isEqualTo("alarm");
  }

  @Test
  void close_running_processGoneAndTempDirDeleted() {
    MosquittoBroker own = new MosquittoBroker();
    own.start();
    ProcessHandle process = own.processHandle();
    Path dir = own.directory();

    own.close();

    assertThat(process.isAlive()).isFalse();
    assertThat(Files.exists(dir)).isFalse();
  }

  /** Registers a persistent QoS 1 session for {@code clientId} and disconnects. */
  private static void subscribe(String clientId, String topic) {
    Commands.run(Duration.ofSeconds(15), client(SUB), "-h", "127.0.0.1",
        "-p", String.valueOf(broker.port()), "-i", clientId, "-c", "-q", "1", "-t", topic, "-E")
        .orFail();
  }

  private static void publish(String topic, String message) {
    Commands.run(Duration.ofSeconds(15), client(PUB), "-h", "127.0.0.1",
        "-p", String.valueOf(broker.port()), "-q", "1", "-t", topic, "-m", message).orFail();
  }

  /** Reconnects {@code clientId}'s session and returns the first message it gets. */
  private static String receiveOne(String clientId, String topic) {
    return Commands.run(Duration.ofSeconds(15), client(SUB), "-h", "127.0.0.1",
        "-p", String.valueOf(broker.port()), "-i", clientId, "-c", "-q", "1", "-t", topic,
        "-C", "1", "-W", "10").orFail().output().trim();
  }

  private static String client(Path binary) {
    return MissingServiceException.requireExecutable(binary, "mosquitto-clients").toString();
  }
}
