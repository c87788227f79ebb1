package org.gridguard.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.MessageLite;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.gridguard.hub.gateway.CredentialHasher;
import org.gridguard.hub.gateway.Gateway;
import org.gridguard.hub.gateway.GatewayRepository;
import org.gridguard.hub.sim.HostileClient;
import org.gridguard.hub.sim.HubTestProperties;
import org.gridguard.protocol.v1.HelloAck;
import org.gridguard.protocol.v1.Reject;
import org.gridguard.protocol.v1.RejectReason;
import org.gridguard.testkit.InfluxDbServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Wrong-credential floods against the real hub with production PBKDF2 (210,000 iterations; issue
 * 10, "credential-check flood"): failed Hellos are limited per address and per gateway id with
 * retry_after enforced, and a gateway with a recent session keeps getting in fast.
 */
@AutoConfigureObservability
@SpringBootTest
class HelloFloodIT {
  private static final int ITERATIONS = 210_000;
  /** Generous against the goal of about 1 s, so a busy build machine does not flake. */
  private static final long LEGIT_HELLO_BOUND_MS = 3_000;
  @RegisterExtension static final InfluxDbServer influxd = new InfluxDbServer();
  private static Path dir;

  @Autowired IngestServer server;
  @Autowired GatewayRepository gateways;
  @Autowired MeterRegistry meters;

  @DynamicPropertySource
  static synchronized void properties(DynamicPropertyRegistry registry) throws Exception {
    if (dir == null) {
      dir = Files.createTempDirectory("gg-flood-");
    }
    HubTestProperties.localHub(registry, influxd, "gg_flood", dir);
  }

  /** Registers a gateway whose stored hash has the production iteration count. */
  private String register(String id) {
    String credential = "secret-" + id;
    gateways.insert(new Gateway(id, new CredentialHasher(ITERATIONS).hash(credential), "330102",
        false));
    return credential;
  }

  private double pbkdf2Checks() {
    return meters.get("gridguard.gateway.credential.checks").tag("by", "pbkdf2").counter().count();
  }

  record Answer(MessageLite message, long millis) {}

  /** One Hello over a plain socket from {@code from}; the answer and how long it took. */
  private Answer hello(InetAddress from, String id, String credential) throws Exception {
    long start = System.nanoTime();
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port(), from, 0)) {
      socket.setSoTimeout(60_000);
      ByteBuffer frame = HostileClient.helloFrame(id, credential);
      socket.getOutputStream().write(frame.array(), 0, frame.limit());
      InputStream in = socket.getInputStream();
      byte[] header = in.readNBytes(8);
      assertThat(header).as("an answer to the Hello").hasSize(8);
      byte[] payload = in.readNBytes(ByteBuffer.wrap(header, 4, 4).getInt());
      MessageLite answer = header[3] == 0x02 ? HelloAck.parseFrom(payload)
          : Reject.parseFrom(payload);
      return new Answer(answer, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }
  }

  @Test
  void wrongHelloFloodFrom500Addresses_gatewayWithRecentSessionStillGetsInFast() throws Exception {
    String legit = register("gw-flood-legit");
    List<String> targets = new ArrayList<>(List.of("gw-flood-legit"));
    for (int i = 0; i < 10; i++) {
      register("gw-flood-t" + i);
      targets.add("gw-flood-t" + i);
    }
    InetAddress home = InetAddress.getByName("127.0.0.1");
    assertThat(hello(home, "gw-flood-legit", legit).message()).isInstanceOf(HelloAck.class);
    double pbkdf2Before = pbkdf2Checks();

    try (HostileClient attacker = new HostileClient("127.0.0.1", server.port())) {
      attacker.wrongHellos(500, targets, i -> HostileClient.source(20_000 + i),
          Duration.ofMillis(200));
      // every slot has tried several times
      org.awaitility.Awaitility.await("flood under way").atMost(Duration.ofSeconds(60))
          .until(() -> attacker.attempts() >= 2_000);
      List<Long> legitMillis = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        Answer answer = hello(home, "gw-flood-legit", legit);
        assertThat(answer.message()).isInstanceOf(HelloAck.class);
        legitMillis.add(answer.millis());
      }
      System.out.println("HelloFloodIT: legitimate Hello ms under the flood: " + legitMillis
          + " after " + attacker.attempts() + " flood connections");
      assertThat(legitMillis).as("legitimate Hello times (ms) under the flood")
          .allSatisfy(ms -> assertThat(ms).isLessThanOrEqualTo(LEGIT_HELLO_BOUND_MS));
      assertThat(attacker.open()).as("flood still running").isPositive();
      // the flood's answers came without a credential check each: blocked or busy
      assertThat(attacker.rejected(RejectReason.BAD_CREDENTIAL)
          + attacker.rejected(RejectReason.OVERLOADED)).isGreaterThan(1_500);
    }
    // at most perGateway (5) failures plus the checks in flight (2) per targeted gateway id
    System.out.println("HelloFloodIT: PBKDF2 checks during the flood: "
        + (pbkdf2Checks() - pbkdf2Before));
    assertThat(pbkdf2Checks() - pbkdf2Before).isLessThanOrEqualTo(11 * (5 + 2));
  }

  @Test
  void failedHellosFromOneAddress_nextHelloRefusedAtOnceWithRetryAfter() throws Exception {
    String credential = register("gw-flood-single");
    InetAddress attacker = InetAddress.getByName("127.1.200.1");
    for (int i = 0; i < 10; i++) { // unknown gateways: no PBKDF2, but failures of this address
      Answer a = hello(attacker, "gw-nobody-" + i, "x");
      assertThat(((Reject) a.message()).getReason()).isEqualTo(RejectReason.UNKNOWN_GATEWAY);
    }
    double pbkdf2Before = pbkdf2Checks();
    Answer blocked = hello(attacker, "gw-flood-single", credential); // right, but too late
    Reject reject = (Reject) blocked.message();
    assertThat(reject.getReason()).isEqualTo(RejectReason.BAD_CREDENTIAL);
    assertThat(reject.getMessage()).contains("too many failed Hellos from 127.1.200.1");
    assertThat(reject.getRetryAfterMs()).isBetween(1_000, 60_000);
    assertThat(blocked.millis()).isLessThan(1_000);
    assertThat(pbkdf2Checks()).isEqualTo(pbkdf2Before);
    assertThat(meters.get("gridguard.ingest.hello.blocked").tag("by", "address").counter()
        .count()).isPositive();
    // another address is not blocked
    assertThat(hello(InetAddress.getByName("127.1.200.2"), "gw-flood-single", credential)
        .message()).isInstanceOf(HelloAck.class);
  }

  @Test
  void badCredentialsForOneGatewayFromManyAddresses_gatewayBlockedWithoutCredentialCheck()
      throws Exception {
    register("gw-flood-target");
    for (int i = 0; i < 5; i++) {
      Answer a = hello(InetAddress.getByName("127.1.201." + (i + 1)), "gw-flood-target", "wrong");
      assertThat(((Reject) a.message()).getReason()).isEqualTo(RejectReason.BAD_CREDENTIAL);
    }
    double pbkdf2Before = pbkdf2Checks();
    Answer sixth = hello(InetAddress.getByName("127.1.201.9"), "gw-flood-target", "wrong");
    assertThat(((Reject) sixth.message()).getMessage())
        .contains("too many failed Hellos for gateway gw-flood-target");
    assertThat(sixth.millis()).isLessThan(1_000);
    assertThat(pbkdf2Checks()).isEqualTo(pbkdf2Before);
  }
}
