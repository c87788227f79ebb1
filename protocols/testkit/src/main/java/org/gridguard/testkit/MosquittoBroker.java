package org.gridguard.testkit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An MQTT broker ({@code mosquitto} from the Debian package, 2.0 on Debian 12) on a free
 * loopback port, anonymous access, with persistence in its temp dir so that QoS 1 messages
 * queued for persistent sessions survive {@link #stop()} and {@link #start()} (saved every
 * second and at shutdown; after {@link #kill()} the last second may be lost, as on a real
 * gateway).
 *
 * <p>{@code max_queued_messages 0} means no limit: a test that disconnects a subscriber must not
 * lose messages to the broker's default limit of 1000, and tests stay small enough that
 * memory is no concern.
 */
public final class MosquittoBroker extends DaemonService {
  /** Where the Debian package installs the broker. */
  public static final Path DEFAULT_BINARY = Path.of("/usr/sbin/mosquitto");
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(15);

  private final Path binary;
  private volatile int port;

  /** The Debian package's mosquitto. */
  public MosquittoBroker() {
    this(DEFAULT_BINARY);
  }

  MosquittoBroker(Path binary) {
    super("mosquitto");
    this.binary = binary;
  }

  /** The broker's address for MQTT clients, {@code tcp://127.0.0.1:<port>}. */
  public String serverUri() {
    return "tcp://127.0.0.1:" + port();
  }

  /** The listener's port; it stays the same across {@link #stop()} and {@link #start()}. */
  public int port() {
    if (port == 0) {
      throw new IllegalStateException("mosquitto has not been started");
    }
    return port;
  }

  @Override
  protected void checkInstalled() {
    MissingServiceException.requireExecutable(binary, "mosquitto");
  }

  @Override
  protected void prepare(Path dir) throws IOException {
    port = FreePorts.pick();
    List<String> config = new ArrayList<>(List.of(
        "listener " + port + " 127.0.0.1",
        "allow_anonymous true",
        "persistence true",
        "persistence_location " + dir + "/",
        "autosave_interval 1",
        "max_queued_messages 0",
        "log_dest file " + dir.resolve("mosquitto.log"),
        "log_type all",
        "log_timestamp_format %Y-%m-%dT%H:%M:%S"));
    if (Os.isRoot()) {
      // As root mosquitto switches to user "mosquitto", who may not write to our temp dir.
      config.add("user root");
    }
    Files.write(dir.resolve("mosquitto.conf"), config);
  }

  @Override
  protected List<String> command(Path dir) {
    return List.of(binary.toString(), "-c", dir.resolve("mosquitto.conf").toString());
  }

  @Override
  protected List<Path> extraLogs(Path dir) {
    return List.of(dir.resolve("mosquitto.log"));
  }

  @Override
  protected void awaitReady(ManagedProcess process) {
    process.awaitReady("TCP connect to 127.0.0.1:" + port, READY_TIMEOUT, this::accepts);
  }

  private boolean accepts() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
