package org.gridguard.hub.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;
import org.gridguard.hub.evidence.EvidenceProperties;
import org.gridguard.hub.evidence.EvidenceStore;
import org.gridguard.hub.gateway.GatewayActivity;
import org.gridguard.hub.gateway.GatewayAuthenticator;
import org.gridguard.hub.health.DirectMemoryAlarm;
import org.gridguard.hub.record.CursorCommitter;
import org.gridguard.hub.record.CursorRepository;
import org.gridguard.hub.record.PriorityRecordStore;
import org.gridguard.hub.telemetry.TelemetryPipeline;
import org.gridguard.hub.telemetry.TelemetryUnits;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the ingest server: bounded executors, handlers, TLS. */
@Configuration(proxyBeanMethods = false)
class IngestConfiguration {

  @Bean
  IngestServer ingestServer(IngestProperties config, GatewayAuthenticator authenticator,
      CursorRepository cursors, CursorCommitter committer, SessionRegistry registry,
      TelemetryPipeline telemetry, EvidenceStore evidenceStore,
      EvidenceProperties evidenceConfig, IngestMetrics metrics, GatewayActivity activity,
      PriorityCommitter store, TelemetryUnits units) throws SSLException {
    ThreadPoolExecutor auth = boundedExecutor("gg-auth", config.authThreads(), config.authQueue(),
        metrics.registry());
    // evidence never shares a thread or a queue with PRIORITY commits (PROTOCOL.md §7)
    ThreadPoolExecutor evidenceWork = boundedExecutor("gg-evidence", evidenceConfig.threads(),
        evidenceConfig.queue(), metrics.registry());
    HelloHandler hello = new HelloHandler(config, authenticator, cursors, committer, registry,
        auth, metrics, new CreditBudget(config.maxParkedPoints(), config.initialCredit(),
            metrics.registry()), activity, units::records);
    Durability durability = new Durability(telemetry, store::submit, evidenceStore,
        evidenceWork, committer, metrics, new ParkedTelemetry(
            // what the credit budget can have handed out at most: gateways within their credit
            // are never paused; the limit is a safety net
            config.maxParkedPoints() + (long) CreditBudget.FLOOR * config.maxConnections(),
            metrics.registry()));
    BatchHandler batch = new BatchHandler(durability, metrics);
    EvidenceHandler evidence = new EvidenceHandler(durability);
    LivenessHandler liveness = new LivenessHandler(metrics);
    CommandResultHandler commandResults = new CommandResultHandler(registry, metrics);
    SslContext ssl = sslContext(config.tls());
    return new IngestServer(config, registry, channels ->
        new IngestChannelInitializer(config, ssl, channels, hello, batch, evidence,
            commandResults, liveness, metrics));
  }

  /** Health reports {@code directMemory} DOWN past the share at which Hello refuses work. */
  @Bean
  DirectMemoryAlarm directMemoryAlarm(IngestProperties config) {
    return new DirectMemoryAlarm(config.directMemoryAlarm());
  }

  /** The PRIORITY transactions of all sessions; stopped with the context. */
  @Bean(destroyMethod = "close")
  PriorityCommitter priorityCommitter(IngestProperties config, PriorityRecordStore priorityStore,
      IngestMetrics metrics) {
    return new PriorityCommitter(priorityStore, config.storeThreads(), config.storeQueue(),
        metrics.registry());
  }

  static SslContext sslContext(IngestProperties.Tls tls) throws SSLException {
    if (!tls.enabled()) {
      return null;
    }
    SslContextBuilder builder = SslContextBuilder.forServer(tls.certificateChain().toFile(),
        tls.privateKey().toFile());
    switch (tls.clientAuth()) {
      case NONE -> builder.clientAuth(ClientAuth.NONE);
      case OPTIONAL -> builder.clientAuth(ClientAuth.OPTIONAL);
      case REQUIRE -> builder.clientAuth(ClientAuth.REQUIRE);
    }
    if (tls.trustedCertificates() != null) {
      builder.trustManager(tls.trustedCertificates().toFile());
    }
    return builder.protocols("TLSv1.3", "TLSv1.2").build();
  }

  /** Fixed threads, bounded queue; a full queue rejects (callers turn that into OVERLOADED). */
  static ThreadPoolExecutor boundedExecutor(String name, int threads, int queue,
      MeterRegistry meters) {
    AtomicInteger n = new AtomicInteger();
    ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(queue), r -> {
          Thread t = new Thread(r, name + "-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        }, new ThreadPoolExecutor.AbortPolicy());
    meters.gauge("gridguard.executor.queued", java.util.List.of(
        io.micrometer.core.instrument.Tag.of("name", name)), executor, e -> e.getQueue().size());
    return executor;
  }
}
