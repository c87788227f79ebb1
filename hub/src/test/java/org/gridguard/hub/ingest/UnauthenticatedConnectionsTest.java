package org.gridguard.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class UnauthenticatedConnectionsTest {
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final AtomicReference<Double> directShare = new AtomicReference<>(0.1);
  private final UnauthenticatedConnections connections = new UnauthenticatedConnections(
      new IngestProperties.Unauthenticated(5, 2, Duration.ofSeconds(10)), directShare::get, 0.8,
      new IngestMetrics(meters));

  /** An embedded channel that says it comes from {@code host}. */
  private static Channel from(String host) {
    return new EmbeddedChannel() {
      @Override
      protected SocketAddress remoteAddress0() {
        return new InetSocketAddress(host, 40000);
      }
    };
  }

  private double refused(String limit) {
    var counter = meters.find("gridguard.ingest.unauthenticated.refused").tag("limit", limit)
        .counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void admit_beyondPerAddress_refusedNamingTheAddress() {
    assertThat(connections.admit(from("192.0.2.1"))).isNull();
    assertThat(connections.admit(from("192.0.2.1"))).isNull();
    assertThat(connections.admit(from("192.0.2.1"))).contains("192.0.2.1").contains("at most 2");
    assertThat(connections.admit(from("192.0.2.2"))).isNull();
    assertThat(connections.from("192.0.2.1")).isEqualTo(2);
    assertThat(refused("per_address")).isEqualTo(1);
  }

  @Test
  void admit_beyondTotal_refused() {
    for (int i = 1; i <= 5; i++) {
      assertThat(connections.admit(from("192.0.2." + i))).isNull();
    }
    assertThat(connections.admit(from("192.0.2.9"))).contains("5 connections");
    assertThat(connections.total()).isEqualTo(5);
    assertThat(meters.get("gridguard.ingest.unauthenticated.connections").gauge().value())
        .isEqualTo(5);
  }

  @Test
  void release_twice_countsOnceAndFreesTheSlot() {
    Channel a = from("192.0.2.1");
    Channel b = from("192.0.2.1");
    connections.admit(a);
    connections.admit(b);
    connections.release(a);
    connections.release(a);
    assertThat(connections.from("192.0.2.1")).isEqualTo(1);
    assertThat(connections.admit(from("192.0.2.1"))).isNull();
    connections.release(b);
    assertThat(connections.total()).isEqualTo(1);
  }

  @Test
  void admit_directMemoryPastAlarm_refused() {
    directShare.set(0.85);
    assertThat(connections.admit(from("192.0.2.1"))).contains("short of memory");
    assertThat(connections.total()).isZero();
    assertThat(refused("direct_memory")).isEqualTo(1);
  }
}
