package org.gridguard.hub.ingest;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;

/**
 * Counts connections that have not been answered HelloAck, in total and per source address, and
 * refuses new ones beyond {@code gridguard.ingest.unauthenticated.*} or while direct memory is
 * past its alarm share. Together with the Hello-sized frame limit this bounds what anonymous
 * peers can make the hub hold. Bounded: one map entry per source address with an
 * unauthenticated connection. Thread-safe.
 */
final class UnauthenticatedConnections {
  private static final AttributeKey<String> ADDRESS = AttributeKey.valueOf("gg-unauthenticated");

  private final IngestProperties.Unauthenticated limits;
  private final DoubleSupplier directMemoryShare;
  private final double directMemoryAlarm;
  private final IngestMetrics metrics;
  private final AtomicInteger total = new AtomicInteger();
  private final ConcurrentHashMap<String, AtomicInteger> perAddress = new ConcurrentHashMap<>();

  UnauthenticatedConnections(IngestProperties.Unauthenticated limits,
      DoubleSupplier directMemoryShare, double directMemoryAlarm, IngestMetrics metrics) {
    this.limits = limits;
    this.directMemoryShare = directMemoryShare;
    this.directMemoryAlarm = directMemoryAlarm;
    this.metrics = metrics;
    Gauge.builder("gridguard.ingest.unauthenticated.connections", total, AtomicInteger::get)
        .description("connections not (yet) answered HelloAck").register(metrics.registry());
  }

  /**
   * Counts {@code channel} as unauthenticated until {@link #release}.
   *
   * @return null when admitted, else why not (for the Reject)
   */
  String admit(Channel channel) {
    String address = address(channel.remoteAddress());
    if (directMemoryShare.getAsDouble() >= directMemoryAlarm) {
      metrics.unauthenticatedRefused("direct_memory");
      return "hub is short of memory; new connections are refused for now";
    }
    if (total.incrementAndGet() > limits.maxConnections()) {
      total.decrementAndGet();
      metrics.unauthenticatedRefused("total");
      return "hub has " + limits.maxConnections() + " connections waiting for Hello or its check";
    }
    AtomicInteger mine = perAddress.compute(address, (a, n) -> {
      AtomicInteger count = n == null ? new AtomicInteger() : n;
      count.incrementAndGet();
      return count;
    });
    if (mine.get() > limits.maxPerAddress()) {
      decrement(address);
      total.decrementAndGet();
      metrics.unauthenticatedRefused("per_address");
      return "too many connections from " + address + " waiting for Hello or its check (at most "
          + limits.maxPerAddress() + ")";
    }
    channel.attr(ADDRESS).set(address);
    return null;
  }

  /** The channel authenticated or closed; idempotent. */
  void release(Channel channel) {
    String address = channel.attr(ADDRESS).getAndSet(null);
    if (address != null) {
      decrement(address);
      total.decrementAndGet();
    }
  }

  int total() {
    return total.get();
  }

  int from(String address) {
    AtomicInteger n = perAddress.get(address);
    return n == null ? 0 : n.get();
  }

  private void decrement(String address) {
    perAddress.computeIfPresent(address, (a, n) -> n.decrementAndGet() <= 0 ? null : n);
  }

  /** The host address of a peer, e.g. "192.0.2.7"; other socket kinds by their text. */
  static String address(SocketAddress remote) {
    if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
      return inet.getAddress().getHostAddress();
    }
    return String.valueOf(remote);
  }
}
