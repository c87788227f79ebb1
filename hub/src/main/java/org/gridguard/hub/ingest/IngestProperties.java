package org.gridguard.hub.ingest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code gridguard.ingest.*}: the edge-facing Netty server (PROTOCOL.md).
 *
 * @param host address to bind
 * @param port TCP port (0 = any free port, for tests)
 * @param maxFrameSize largest payload accepted from a gateway, bytes (PROTOCOL.md §2.5)
 * @param initialCredit items a gateway may send before the first Credit (§6), while the
 *     {@code maxParkedPoints} budget is far from used (see {@link CreditBudget})
 * @param maxParkedPoints telemetry points all sessions together may hold while the telemetry
 *     pipeline is full (about 100 bytes of heap each): the budget the sessions' credit comes
 *     from; below it sessions keep reading so their alarms get through, beyond it a session that
 *     has to park stops reading its socket
 * @param maxConnections open gateway connections (authenticated or not) beyond which a new one
 *     is answered Reject(OVERLOADED) and closed
 * @param heartbeatInterval heartbeat when idle; the connection closes after 3 silent intervals (§8)
 * @param helloTimeout time a new connection has to send Hello (§3.1)
 * @param ioThreads Netty event-loop threads; 0 = Netty's default (2 × cores)
 * @param authThreads threads verifying credentials (PBKDF2 is CPU-bound)
 * @param authQueue Hellos waiting for verification before new ones get Reject(OVERLOADED)
 * @param storeThreads threads writing PRIORITY records to the database
 * @param storeQueue PRIORITY batches waiting for a database thread before sessions are closed
 *     with Reject(OVERLOADED)
 * @param tls TLS settings
 * @param maxHelloFrameSize largest payload accepted before HelloAck, bytes: a connection that has
 *     not authenticated can make the hub hold at most this much for its partial frame
 *     (PROTOCOL.md §2.5); the limit rises to {@code maxFrameSize} with HelloAck
 * @param unauthenticated bounds on connections that have not completed Hello
 * @param helloFailures limits on failed Hellos per source address and per gateway id
 * @param fastAuthQueue Hellos of gateways with a live or recent session (their credential
 *     matches a recent verification) or a verified client certificate waiting for the one
 *     fast-lane thread, which does no PBKDF2; beyond it they queue with everyone else
 * @param directMemoryAlarm share of the maximum direct memory beyond which the hub logs a
 *     warning, reports {@code directMemory} DOWN and refuses new unauthenticated connections
 */
@Validated
@ConfigurationProperties("gridguard.ingest")
public record IngestProperties(
    @DefaultValue("0.0.0.0") @NotBlank String host,
    @DefaultValue("7000") @Min(0) @Max(65535) int port,
    @DefaultValue("1048576") @Min(4096) @Max(16777216) int maxFrameSize,
    @DefaultValue("4096") @Min(1) @Max(1_000_000) int initialCredit,
    @DefaultValue("1000000") @Min(0) @Max(100_000_000) long maxParkedPoints,
    @DefaultValue("20000") @Min(1) @Max(1_000_000) int maxConnections,
    @DefaultValue("15s") @NotNull Duration heartbeatInterval,
    @DefaultValue("10s") @NotNull Duration helloTimeout,
    @DefaultValue("0") @Min(0) @Max(256) int ioThreads,
    @DefaultValue("2") @Min(1) @Max(64) int authThreads,
    @DefaultValue("10000") @Min(1) @Max(1_000_000) int authQueue,
    @DefaultValue("2") @Min(1) @Max(64) int storeThreads,
    @DefaultValue("10000") @Min(1) @Max(1_000_000) int storeQueue,
    @DefaultValue @Valid @NotNull Tls tls,
    @DefaultValue("8192") @Min(4096) @Max(16777216) int maxHelloFrameSize,
    @DefaultValue @Valid @NotNull Unauthenticated unauthenticated,
    @DefaultValue @Valid @NotNull HelloFailures helloFailures,
    @DefaultValue("1000") @Min(1) @Max(1_000_000) int fastAuthQueue,
    @DefaultValue("0.8") @DecimalMin("0.1") @DecimalMax("1.0") double directMemoryAlarm) {

  /**
   * {@code gridguard.ingest.unauthenticated.*}: connections accepted but not yet answered
   * HelloAck. Beyond either bound a new connection is answered Reject(OVERLOADED) with a retry
   * time and closed.
   *
   * @param maxConnections all unauthenticated connections of this hub instance
   * @param maxPerAddress unauthenticated connections from one source address
   * @param retryAfter the retry time such a Reject names
   */
  public record Unauthenticated(
      @DefaultValue("2000") @Min(1) @Max(1_000_000) int maxConnections,
      @DefaultValue("32") @Min(1) @Max(1_000_000) int maxPerAddress,
      @DefaultValue("10s") @NotNull Duration retryAfter) {}

  /**
   * {@code gridguard.ingest.hello-failures.*}: failed Hellos (unknown gateway, bad credential,
   * revoked) within a sliding window, counted per source address and (bad credentials) per
   * gateway id with {@code AttemptLimiter}. A Hello arriving while its address or gateway id
   * is blocked is answered Reject(BAD_CREDENTIAL) with the remaining wait as retry time at once,
   * without a credential check; a gateway whose credential matches a recent verification is
   * not blocked.
   *
   * @param perAddress failures allowed per source address in the window
   * @param perGateway bad credentials allowed per gateway id in the window
   * @param window the sliding window
   * @param maxKeys addresses and gateway ids tracked, each (least recently used dropped)
   * @param inFlightPerAddress credential checks of one address queued or running at once;
   *     beyond it Reject(OVERLOADED)
   * @param inFlightPerGateway credential checks naming one gateway id queued or running at once
   */
  public record HelloFailures(
      @DefaultValue("10") @Min(1) @Max(1_000_000) int perAddress,
      @DefaultValue("5") @Min(1) @Max(1_000_000) int perGateway,
      @DefaultValue("1m") @NotNull Duration window,
      @DefaultValue("50000") @Min(1) @Max(10_000_000) int maxKeys,
      @DefaultValue("16") @Min(1) @Max(1_000_000) int inFlightPerAddress,
      @DefaultValue("2") @Min(1) @Max(1_000_000) int inFlightPerGateway) {
    public HelloFailures {
      if (window != null && window.toMillis() < 1000) {
        throw new IllegalArgumentException(
            "gridguard.ingest.hello-failures.window must be >= 1s, was " + window);
      }
    }
  }

  /**
   * {@code gridguard.ingest.tls.*}.
   *
   * @param enabled serve TLS (production: yes, port 7443)
   * @param certificateChain PEM server certificate chain
   * @param privateKey PEM PKCS#8 private key
   * @param clientAuth {@code none}, {@code optional} or {@code require} gateway certificates
   * @param trustedCertificates PEM CA certificates gateway certificates must chain to
   */
  public record Tls(
      @DefaultValue("false") boolean enabled,
      Path certificateChain,
      Path privateKey,
      @DefaultValue("none") @NotNull ClientAuthMode clientAuth,
      Path trustedCertificates) {
    public Tls {
      if (enabled && (certificateChain == null || privateKey == null)) {
        throw new IllegalArgumentException("gridguard.ingest.tls.enabled=true needs "
            + "gridguard.ingest.tls.certificate-chain and gridguard.ingest.tls.private-key");
      }
      if (enabled && clientAuth != ClientAuthMode.NONE && trustedCertificates == null) {
        throw new IllegalArgumentException("gridguard.ingest.tls.client-auth=" + clientAuth
            + " needs gridguard.ingest.tls.trusted-certificates");
      }
    }
  }

  /** Whether gateways present client certificates. */
  public enum ClientAuthMode { NONE, OPTIONAL, REQUIRE }

  public IngestProperties {
    if (maxHelloFrameSize > maxFrameSize) {
      throw new IllegalArgumentException("gridguard.ingest.max-hello-frame-size ("
          + maxHelloFrameSize + ") must not exceed gridguard.ingest.max-frame-size ("
          + maxFrameSize + ")");
    }
    if (heartbeatInterval != null && heartbeatInterval.toMillis() < 100) {
      throw new IllegalArgumentException("gridguard.ingest.heartbeat-interval must be >= 100ms, was "
          + heartbeatInterval);
    }
  }
}
