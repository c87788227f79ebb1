package org.gridguard.hub.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.MessageLite;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.gridguard.hub.gateway.CredentialHasher;
import org.gridguard.hub.gateway.Gateway;
import org.gridguard.hub.gateway.GatewayRepository;
import org.gridguard.hub.ingest.IngestServer;
import org.gridguard.hub.record.PriorityRecordStore;
import org.gridguard.hub.record.StreamKey;
import org.gridguard.hub.sim.GatewaySimulator;
import org.gridguard.hub.sim.Records;
import org.gridguard.protocol.v1.HelloAck;
import org.gridguard.protocol.v1.Lane;
import org.gridguard.protocol.v1.Reject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.health.HealthContributorRegistry;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Issue 10, "no recovery after a database fault": while the database cannot write, {@code db}
 * health is DOWN and nothing is acknowledged; once it can again, the same hub (no restart)
 * accepts Hellos and stores and acknowledges alarms. Subclasses break and repair the database.
 */
@AutoConfigureObservability
@SpringBootTest
abstract class DatabaseRecoveryContract {
  private final EventLoopGroup group = new NioEventLoopGroup(1);

  @Autowired IngestServer server;
  @Autowired GatewayRepository gateways;
  @Autowired PriorityRecordStore records;
  @Autowired @Qualifier("dbHealthIndicator") HealthIndicator db;
  @Autowired HealthContributorRegistry health;

  /** Makes writes fail (full disk, server stopped). */
  protected abstract void breakDatabase();

  /** Makes writes succeed again. */
  protected abstract void repairDatabase();

  @AfterEach
  void stopGroup() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  private GatewaySimulator connect() throws InterruptedException {
    return GatewaySimulator.connect(group, "127.0.0.1", server.port());
  }

  private static void await(String what, Duration timeout, BooleanSupplier condition)
      throws InterruptedException {
    org.awaitility.Awaitility.await(what).atMost(timeout).pollInterval(Duration.ofMillis(100))
        .until(condition::getAsBoolean);
  }

  @Test
  void databaseCannotWrite_healthDownNothingAcked_thenRecoversWithoutRestart() throws Exception {
    assertThat(health.getContributor("db")).isSameAs(db);
    gateways.insert(new Gateway("gw-dbfault", new CredentialHasher(1000).hash("pw"), "3301",
        false));
    String stream = UUID.randomUUID().toString();
    StreamKey key = new StreamKey("gw-dbfault", stream, Lane.PRIORITY);
    try (GatewaySimulator sim = connect()) {
      assertThat(sim.hello("gw-dbfault", "pw", stream)).isInstanceOf(HelloAck.class);
      sim.sendBatch(Lane.PRIORITY, Records.alarms("d", 1, 10));
      sim.awaitAck(Lane.PRIORITY, 10, Duration.ofSeconds(30));
      await("db UP", Duration.ofSeconds(10), () -> db.health().getStatus().equals(Status.UP));

      breakDatabase();
      try {
        sim.sendBatch(Lane.PRIORITY, Records.alarms("d", 11, 20));
        // not stored: the session is told to come back later
        Reject reject;
        try {
          reject = sim.reject().get(20, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
          throw new AssertionError("no Reject; acked " + sim.acked(Lane.PRIORITY), e);
        }
        System.out.println("DatabaseRecovery: session rejected " + reject.getReason() + " "
            + reject.getMessage());
        assertThat(reject.getRetryAfterMs()).isPositive();
        assertThat(sim.acked(Lane.PRIORITY)).isEqualTo(10);
        await("db DOWN", Duration.ofSeconds(30),
            () -> db.health().getStatus().equals(Status.DOWN));
        assertThat(db.health().getDetails()).containsEntry("writes", "failing");
      } finally {
        repairDatabase();
      }
    }

    await("db UP again", Duration.ofSeconds(30), () -> db.health().getStatus().equals(Status.UP));
    // an edge reconnects with backoff until the hub takes it
    AtomicReference<GatewaySimulator> accepted = new AtomicReference<>();
    org.awaitility.Awaitility.await("Hello accepted again").atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(() -> {
          GatewaySimulator sim = connect();
          try {
            MessageLite answer = sim.hello("gw-dbfault", "pw", stream);
            assertThat(answer).as("the answer to Hello").isInstanceOf(HelloAck.class);
            System.out.println("DatabaseRecovery: HelloAck committed "
                + ((HelloAck) answer).getCommittedList());
            accepted.set(sim);
          } finally {
            if (accepted.get() != sim) {
              sim.close();
            }
          }
        });
    try (GatewaySimulator sim = accepted.get()) {
      sim.sendBatch(Lane.PRIORITY, Records.alarms("d", 11, 20));
      sim.awaitAck(Lane.PRIORITY, 20, Duration.ofSeconds(30));
    }
    assertThat(records.count(key)).isEqualTo(20);
  }
}
