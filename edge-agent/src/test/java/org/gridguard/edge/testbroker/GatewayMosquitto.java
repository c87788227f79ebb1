package org.gridguard.edge.testbroker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.gridguard.testkit.DaemonService;
import org.gridguard.testkit.FreePorts;
import org.gridguard.testkit.ManagedProcess;
import org.gridguard.testkit.MissingServiceException;

/**
 * A real mosquitto configured like a gateway: the shipped {@code deploy/mosquitto-gateway.conf}
 * (or any other file) after a generated header (loopback listener on a free port, anonymous,
 * persistence location and log in the temp dir), then optional override lines. Later lines win
 * in mosquitto, so a test can shrink a limit ({@code max_queued_messages 5}) to force drops.
 * Unlike the protocols test kit's {@code MosquittoBroker}, it does not lift the queue limit.
 */
public final class GatewayMosquitto extends DaemonService {
  /** The configuration shipped for gateways, from the edge-agent module's directory. */
  public static final Path SHIPPED_CONFIG = Path.of("../deploy/mosquitto-gateway.conf");
  private static final Path BINARY = Path.of("/usr/sbin/mosquitto");
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(15);

  private final Path configFile;
  private final List<String> overrides;
  private volatile int port;

  /** @param overrides mosquitto lines appended after the file, e.g. {@code "sys_interval 1"} */
  public GatewayMosquitto(Path configFile, String... overrides) {
    super("mosquitto-gateway");
    this.configFile = configFile;
    this.overrides = List.of(overrides);
  }

  public String serverUri() {
    return "tcp://127.0.0.1:" + port();
  }

  public int port() {
    if (port == 0) {
      throw new IllegalStateException("mosquitto has not been started");
    }
    return port;
  }

  @Override
  protected void checkInstalled() {
    MissingServiceException.requireExecutable(BINARY, "mosquitto");
    if (!Files.isReadable(configFile)) {
      throw new UncheckedIOException(new IOException(
          "mosquitto configuration " + configFile.toAbsolutePath() + " is not readable"));
    }
  }

  @Override
  protected void prepare(Path dir) throws IOException {
    port = FreePorts.pick();
    List<String> config = new ArrayList<>(List.of(
        "# generated header (test)",
        "listener " + port + " 127.0.0.1",
        "allow_anonymous true",
        "persistence_location " + dir + "/",
        "log_dest file " + dir.resolve("mosquitto.log"),
        "log_type all"));
    if ("root".equals(System.getProperty("user.name"))) {
      // As root mosquitto switches to user "mosquitto", who may not write to our temp dir.
      config.add("user root");
    }
    config.add("# " + configFile.toAbsolutePath().normalize());
    config.addAll(Files.readAllLines(configFile));
    config.add("# test overrides");
    config.addAll(overrides);
    Files.write(dir.resolve("mosquitto.conf"), config);
  }

  @Override
  protected List<String> command(Path dir) {
    return List.of(BINARY.toString(), "-c", dir.resolve("mosquitto.conf").toString());
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
