package org.gridguard.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.MessageLite;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.gridguard.hub.gateway.CredentialHasher;
import org.gridguard.hub.gateway.Gateway;
import org.gridguard.hub.gateway.GatewayRepository;
import org.gridguard.hub.sim.GatewaySimulator;
import org.gridguard.hub.sim.Records;
import org.gridguard.protocol.v1.HelloAck;
import org.gridguard.protocol.v1.Lane;
import org.gridguard.protocol.v1.Reject;
import org.gridguard.protocol.v1.RejectReason;
import org.gridguard.testkit.InfluxDbServer;
import org.gridguard.testkit.MissingServiceException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Ingest over TLS with required client certificates (CN = gateway id), certificates from openssl. */
@SpringBootTest
class TlsIngestIT {
  @RegisterExtension static final InfluxDbServer influxd = new InfluxDbServer();
  private static Path dir;
  private static final EventLoopGroup group = new NioEventLoopGroup(1);

  @Autowired IngestServer server;
  @Autowired GatewayRepository gateways;

  @DynamicPropertySource
  static synchronized void properties(DynamicPropertyRegistry registry) throws Exception {
    if (dir == null) {
      dir = Files.createTempDirectory("gg-tls-");
      makeCertificates(dir);
    }
    registry.add("gridguard.influx.url", () -> influxd.url().toString());
    registry.add("gridguard.ingest.port", () -> "0");
    registry.add("gridguard.ingest.host", () -> "127.0.0.1");
    registry.add("gridguard.ingest.tls.enabled", () -> "true");
    registry.add("gridguard.ingest.tls.certificate-chain", () -> dir.resolve("server.crt").toString());
    registry.add("gridguard.ingest.tls.private-key", () -> dir.resolve("server.key").toString());
    registry.add("gridguard.ingest.tls.client-auth", () -> "require");
    registry.add("gridguard.ingest.tls.trusted-certificates", () -> dir.resolve("ca.crt").toString());
    registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + dir.resolve("hub-db"));
  }

  @AfterAll
  static void stop() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  private static void openssl(Path dir, String... args) throws IOException, InterruptedException {
    Path binary = Path.of("/usr/bin/openssl");
    MissingServiceException.requireExecutable(binary, "openssl");
    List<String> cmd = new java.util.ArrayList<>(List.of(binary.toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IllegalStateException("openssl " + String.join(" ", args) + " failed: " + out);
    }
  }

  private static void makeCertificates(Path dir) throws Exception {
    openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out",
        "ca.crt", "-subj", "/CN=gg-test-ca", "-days", "2");
    Files.writeString(dir.resolve("san.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
    for (String name : List.of("server", "gw-tls", "gw-other")) {
      openssl(dir, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out",
          name + ".csr", "-subj", "/CN=" + (name.equals("server") ? "localhost" : name));
      openssl(dir, "x509", "-req", "-in", name + ".csr", "-CA", "ca.crt", "-CAkey", "ca.key",
          "-CAcreateserial", "-out", name + ".crt", "-days", "2", "-extfile", "san.ext");
    }
  }

  private SslContext client(String name) throws IOException {
    return SslContextBuilder.forClient().trustManager(dir.resolve("ca.crt").toFile())
        .keyManager(dir.resolve(name + ".crt").toFile(), dir.resolve(name + ".key").toFile())
        .build();
  }

  private void registerOnce() {
    if (gateways.find("gw-tls").isEmpty()) {
      gateways.insert(new Gateway("gw-tls", new CredentialHasher(1000).hash("unused"), "1", false));
    }
  }

  @Test
  void hello_clientCertificateOfTheGateway_opensWithoutCredentialAndAcks() throws Exception {
    registerOnce();
    try (GatewaySimulator sim = GatewaySimulator.connect(group, "127.0.0.1", server.port(),
        client("gw-tls"))) {
      MessageLite answer = sim.hello("gw-tls", "", "tls-stream");
      assertThat(answer).isInstanceOf(HelloAck.class);
      sim.sendBatch(Lane.PRIORITY, Records.alarms("d", 1, 5));
      sim.awaitAck(Lane.PRIORITY, 5, Duration.ofSeconds(30));
    }
  }

  @Test
  void hello_certificateOfAnotherGateway_rejectedBadCredential() throws Exception {
    registerOnce();
    try (GatewaySimulator sim = GatewaySimulator.connect(group, "127.0.0.1", server.port(),
        client("gw-other"))) {
      MessageLite answer = sim.hello("gw-tls", "", "s");
      assertThat(answer).isInstanceOf(Reject.class);
      assertThat(((Reject) answer).getReason()).isEqualTo(RejectReason.BAD_CREDENTIAL);
    }
  }

  @Test
  void connect_withoutClientCertificate_handshakeRefusedAndClosed() throws Exception {
    SslContext noCert = SslContextBuilder.forClient().trustManager(dir.resolve("ca.crt").toFile()).build();
    try (GatewaySimulator sim = GatewaySimulator.connect(group, "127.0.0.1", server.port(), noCert)) {
      assertThat(sim.awaitClosed(Duration.ofSeconds(10))).isTrue();
    }
  }
}
