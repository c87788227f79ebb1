package org.gridguard.edge;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.gridguard.edge.managed.ManagedAgent;
import org.gridguard.edge.managed.PushedConfigFile;
import org.gridguard.edge.uplink.HubRequests;
import org.gridguard.edge.video.CamerasConfig;
import org.gridguard.edge.video.VideoAnalysis;
import org.gridguard.edge.mapping.DeadLetterFile;
import org.gridguard.edge.mapping.PayloadMapper;
import org.gridguard.edge.metrics.Metrics;
import org.gridguard.edge.metrics.PrometheusEndpoint;
import org.gridguard.edge.rules.RuleEngine;
import org.gridguard.edge.source.mqtt.MqttSource;
import org.gridguard.edge.source.simulator.SimulatorSource;
import org.gridguard.edge.spool.Spool;
import org.gridguard.edge.spool.SpoolReporter;
import org.gridguard.edge.uplink.Uplink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The edge agent process: {@code java -jar gridguard-edge-agent.jar --config agent.yml}.
 *
 * <p>Exit codes: 0 after a graceful stop (SIGTERM: sources stop, the spool writes and fsyncs
 * everything it accepted, the uplink closes); 2 for a bad command line or configuration (every
 * problem listed with its path); 1 when start-up fails otherwise (spool directory unusable …).
 */
public final class Agent implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Agent.class);
  static final int EXIT_USAGE = 2;
  static final int EXIT_FAILED = 1;
  /** How long the sources together get to stop (systemd's TimeoutStopSec is 30 s). */
  static final Duration SOURCES_STOP_WAIT = Duration.ofSeconds(8);

  private final Metrics metrics = new Metrics();
  private final String bootId = Uplink.newBootId();
  private final Spool spool;
  private final SpoolReporter reporter;
  private final Uplink uplink;
  private final SimulatorSource simulator;
  private final RuleEngine rules;
  private final DeadLetterFile deadLetters;
  private final MqttSource mqtt;
  private final VideoAnalysis video;
  private final ScheduledExecutorService metricsLog;
  /** Null unless {@code metrics.prometheus_port} is set. */
  private final PrometheusEndpoint prometheus;

  private Agent(StartupConfig startup) throws Exception {
    AgentConfig config = startup.config();
    String version = Agent.class.getPackage().getImplementationVersion();
    spool = Spool.open(config.spool(), metrics);
    reporter = new SpoolReporter(spool, bootId);
    simulator = config.simulator() == null || config.simulator().records() == 0 ? null
        : new SimulatorSource(config.simulator(), spool, bootId);
    // Sources → rules/detectors → spool: the rules see every mapped record after it was
    // handed to the spool, and append the alarms they raise to the same spool.
    // Open alarms live next to the spool directory so an alarm begun before a restart still
    // gets its END with the same id.
    rules = new RuleEngine(config.rules(), spool, bootId,
        config.spool().directory().toAbsolutePath().resolveSibling("rules-open-alarms.json"));
    ComponentMeters.rules(metrics, rules.metrics());
    if (config.mqtt() != null) {
      deadLetters = new DeadLetterFile(config.mapping().deadLetter());
      reporter.countDeadLettersFrom(deadLetters::written);
      PayloadMapper mapper = new PayloadMapper(config.mapping(), bootId,
          config.mqtt().badTimestamps());
      mqtt = new MqttSource(config.mqtt(), mapper, spool, deadLetters,
          (profile, records) -> rules.offerMessage(profile, records), bootId);
      MqttSource source = mqtt;
      // both read the mapper in force: a mapping swap carries the count on (PayloadMapper.next)
      metrics.gauge("mqtt.bad_timestamps", () -> source.mapper().clockFallbacks());
      metrics.gauge("mapping.rules_in_force", () -> source.mapper().ruleCount());
      ComponentMeters.mqtt(metrics, source.metrics());
      metrics.gauge("mqtt.broker.dropped", () -> source.metrics().brokerDropped());
      metrics.gauge("mqtt.broker.stored_messages", source::brokerStoredMessages);
      metrics.gauge("mqtt.broker.stored_bytes", source::brokerStoredBytes);
    } else {
      deadLetters = null;
      mqtt = null;
    }
    // a managed gateway always has the video side: a push may add its first camera
    video = config.video() == null && !startup.managed() ? null : new VideoAnalysis(
        config.video() == null ? CamerasConfig.none() : config.video(), spool, bootId,
        config.spool().directory().toAbsolutePath().resolveSibling("video-open-alarms.json"),
        metrics);
    HubRequests requests = startup.managed() ? ManagedAgent.create(new ManagedAgent.Start(
        startup.localTree(), startup.pushed(), AgentJudge.managed(config, startup.runningTree()),
        startup.pushVersion(), startup.localFile()), AgentJudge::judge, video, rules, mqtt,
        PushedConfigFile.besideSpool(config.spool().directory()), metrics) : HubRequests.NONE;
    uplink = new Uplink(config.gateway(), config.hub(), config.uplink(), spool, bootId,
        version == null ? "dev" : version, metrics, requests);
    uplink.onSessionOpen(reporter::reportNow);
    metricsLog = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "metrics-log");
      t.setDaemon(true);
      return t;
    });
    long every = config.metricsLogInterval().toMillis();
    metricsLog.scheduleAtFixedRate(this::logMetrics, every, every, TimeUnit.MILLISECONDS);
    prometheus = config.metrics().prometheusEnabled()
        ? PrometheusEndpoint.start(metrics, config.metrics().prometheusPort()) : null;
  }

  /**
   * Opens the spool and starts the uplink and sources, from a configuration without its
   * document: the hub's config pushes are answered "not supported" (tests, benchmarks).
   */
  public static Agent start(AgentConfig config) throws Exception {
    return start(StartupConfig.unmanaged(config));
  }

  /** Opens the spool and starts the uplink and sources; the hub may push configurations. */
  static Agent start(StartupConfig startup) throws Exception {
    AgentConfig config = startup.config();
    Agent agent = new Agent(startup);
    agent.reporter.start();
    agent.uplink.start();
    if (agent.simulator != null) {
      agent.simulator.start();
    }
    agent.rules.start();
    if (agent.mqtt != null) {
      agent.mqtt.start();
    }
    if (agent.video != null) {
      agent.video.start();
    }
    log.info("edge agent {} started: gateway {}, hub {}:{}{}, spool {} (stream {}), boot {}",
        Agent.class.getPackage().getImplementationVersion(), config.gateway().id(),
        config.hub().host(), config.hub().port(), config.hub().tls() == null ? " (no TLS)" : "",
        config.spool().directory(), agent.spool.streamId(), agent.bootId);
    return agent;
  }

  public Spool spool() {
    return spool;
  }

  public Uplink uplink() {
    return uplink;
  }

  public Metrics metrics() {
    return metrics;
  }

  /**
   * Graceful stop: the sources all at once (each first stops reconnecting; cameras stuck in an
   * FFmpeg call are left behind after a short wait), then the rules, then the spool flushes, then
   * the connection closes — within a few seconds, well inside the unit's TimeoutStopSec.
   */
  @Override
  public void close() {
    log.info("edge agent stopping");
    long started = System.nanoTime();
    List<Thread> stopping = new ArrayList<>();
    if (simulator != null) {
      stopping.add(stopInBackground("simulator", () -> simulator.stop()));
    }
    if (mqtt != null) {
      stopping.add(stopInBackground("mqtt source", mqtt));
    }
    if (video != null) {
      stopping.add(stopInBackground("video analysis", video));
    }
    long deadline = started + SOURCES_STOP_WAIT.toNanos();
    for (Thread t : stopping) {
      try {
        t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (t.isAlive()) {
        log.warn("{} did not stop within {}; going on without it", t.getName(),
            SOURCES_STOP_WAIT);
      }
    }
    closeQuietly("edge rules", rules);
    closeQuietly("dead-letter file", deadLetters);
    reporter.close();
    spool.close();
    if (simulator != null) {
      simulator.close();
    }
    uplink.close();
    metricsLog.shutdownNow();
    if (prometheus != null) {
      prometheus.close();
    }
    log.info("edge agent stopped in {} ms; metrics {}",
        (System.nanoTime() - started) / 1_000_000, metrics.snapshot());
  }

  private static Thread stopInBackground(String what, AutoCloseable component) {
    Thread t = new Thread(() -> closeQuietly(what, component), "stop " + what);
    t.setDaemon(true);
    t.start();
    return t;
  }

  private void logMetrics() {
    log.info("metrics {}", metrics.snapshot());
    log.info("metrics {}", rules.metrics());
    if (mqtt != null) {
      log.info("metrics mqtt[{}] dead_letters[written={}, dropped={}]", mqtt.metrics(),
          deadLetters.written(), deadLetters.dropped());
    }
    if (video != null) {
      video.metrics().forEach(camera -> log.info("metrics {}", camera));
    }
  }

  private static void closeQuietly(String what, AutoCloseable component) {
    if (component == null) {
      return;
    }
    try {
      component.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      log.warn("closing the {} failed", what, e);
    }
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** The command line (see {@link AgentCommandLine}); returns the exit code. */
  static int run(String[] args) {
    return AgentCommandLine.run(args);
  }
}
