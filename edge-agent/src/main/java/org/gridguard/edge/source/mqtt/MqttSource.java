package org.gridguard.edge.source.mqtt;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.gridguard.edge.mapping.DeadLetterFile;
import org.gridguard.edge.mapping.PayloadMapper;
import org.gridguard.edge.spool.SpoolSink;
import org.gridguard.protocol.Backoff;
import org.gridguard.protocol.v1.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscribes to every mapped topic at QoS 1 in a persistent session (cleanSession=false,
 * stable client id) and moves each message: Paho callback → bounded queue → one mapping
 * worker → {@link SpoolSink} → PUBACK once the spool future completes (manual acks). One
 * worker keeps each device's records in arrival order. Unmappable messages go to the
 * {@link DeadLetterFile} and are then acknowledged. Paho's thread only enqueues.
 *
 * <p>Mapping swaps ({@link #remap}): each message carries the mapper in force when Paho handed
 * it over, so messages already taken are mapped by the old rules and every later one by the
 * new; the subscription follows the new rules' topic filters ({@link Subscriptions}).
 *
 * <p>Reconnect: our own connector thread with the shared jittered {@link Backoff}, for the first
 * connect and after every lost connection; every successful connect subscribes again, because a broker that lost its
 * session (restart without persistence) would otherwise send nothing.
 */
public final class MqttSource implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MqttSource.class);
  /** How long a mapping swap waits for the broker to answer a (un)subscribe. */
  static final Duration SUBSCRIBE_WAIT = Duration.ofSeconds(10);

  private final MqttConfig config;
  /** The mapping in force: read once per message on Paho's thread, swapped by {@link #remap}. */
  private volatile PayloadMapper mapper;
  private final Object remapping = new Object();
  private final SpoolSink sink;
  private final DeadLetterFile deadLetters;
  private final Observer observer;
  private final MqttSourceMetrics metrics = new MqttSourceMetrics();
  private final BlockingQueue<Inbound> queue;
  private final Subscriptions subscriptions;
  private final MqttAsyncClient client;
  private final InOrderAcker acker;
  /** Null when not watching the broker's drop counter. */
  private final BrokerDropWatch brokerDrops;
  private final Thread worker;
  private final Thread connector;
  private volatile boolean closed;
  /** Released when the connector should look again (connection lost or recycled). */
  private final Semaphore wake = new Semaphore(0);
  private volatile boolean everConnected;
  /** Set when a QoS 1 message was refused for a full queue: it needs a reconnect to come back. */
  private volatile boolean redeliveryNeeded;


  /** Receives what each message was mapped into; called on the mapping thread, must not block. */
  @FunctionalInterface
  public interface Observer {
    /**
     * @param rulesProfile the mapping rule's {@code rules:} profile, or null
     * @param records the records of one message, together, after they were handed to the spool
     */
    void mapped(String rulesProfile, List<Record> records);
  }

  /**
   * @param observer receives the records mapped from each message (the edge rules engine's
   *     non-blocking offerMessage); null for none
   */
  public MqttSource(MqttConfig config, PayloadMapper mapper, SpoolSink sink,
      DeadLetterFile deadLetters, Observer observer) throws MqttException {
    this(config, mapper, sink, deadLetters, observer, null);
  }

  /**
   * @param bootId this boot's id for the broker drop reports; with {@code null} the broker's
   *     drop counter is not watched (nor when {@link MqttConfig#watchBrokerDrops()} is off)
   */
  public MqttSource(MqttConfig config, PayloadMapper mapper, SpoolSink sink,
      DeadLetterFile deadLetters, Observer observer, String bootId) throws MqttException {
    this.config = Objects.requireNonNull(config);
    this.mapper = Objects.requireNonNull(mapper);
    this.sink = Objects.requireNonNull(sink);
    this.deadLetters = Objects.requireNonNull(deadLetters);
    this.observer = observer == null ? (p, r) -> { } : observer;
    this.queue = new ArrayBlockingQueue<>(config.queueCapacity());
    this.brokerDrops = bootId != null && config.watchBrokerDrops()
        ? new BrokerDropWatch(sink, bootId, metrics) : null;
    this.client = new MqttAsyncClient(config.broker(), config.clientId(), new MemoryPersistence());
    this.client.setManualAcks(true);
    this.acker = new InOrderAcker(client::messageArrivedComplete, metrics);
    this.client.setCallback(new Callback());
    this.subscriptions = new Subscriptions(PahoClients.broker(client), mapper.topicFilters(),
        SUBSCRIBE_WAIT);
    this.worker = new Thread(new MappingWorker(queue, sink, deadLetters, this.observer,
        metrics, acker, this::afterDrain), "mqtt-mapper");
    this.connector = new Thread(this::connectLoop, "mqtt-connect");
  }

  public MqttSourceMetrics metrics() {
    return metrics;
  }

  /** Messages the broker holds now (its {@code $SYS} figure), -1 when unknown. */
  public long brokerStoredMessages() {
    return brokerDrops == null ? -1 : brokerDrops.storedMessages();
  }

  /** Bytes of the messages the broker holds now, -1 when unknown. */
  public long brokerStoredBytes() {
    return brokerDrops == null ? -1 : brokerDrops.storedBytes();
  }

  /** The mapping in force (what maps every message taken from now on). */
  public PayloadMapper mapper() {
    return mapper;
  }

  /**
   * Puts {@code next} in force for every message taken from the broker from now on (those
   * already taken are mapped by the mapper they were taken under), and makes the subscription
   * follow its topic filters: new ones subscribed first, removed ones unsubscribed after. If a
   * new filter cannot be subscribed, the previous mapper is put back and the previous filters
   * stay. Blocks for the broker's answers (up to {@link #SUBSCRIBE_WAIT} each): call it off
   * Paho's threads. One swap at a time.
   *
   * <p>The new mapper is in force before the new filters are subscribed, so the first messages
   * on a new topic (retained ones too) are mapped by it; messages on a removed topic taken
   * before its unsubscribe completes match no rule and are dead-lettered; and when the swap
   * fails, the messages taken meanwhile were mapped by the new rules.
   *
   * @return what changed in the subscription
   * @throws SubscriptionFailedException the previous mapping and subscription are in force
   */
  public String remap(PayloadMapper next) throws SubscriptionFailedException {
    Objects.requireNonNull(next);
    synchronized (remapping) {
      PayloadMapper previous = mapper;
      mapper = next;
      try {
        String change = subscriptions.follow(next.topicFilters());
        LOG.info("MQTT mapping swapped: {} rule(s); {}", next.ruleCount(), change);
        return change;
      } catch (SubscriptionFailedException e) {
        mapper = previous;
        LOG.warn("MQTT mapping not swapped: {}", e.getMessage());
        throw e;
      }
    }
  }

  public boolean isConnected() {
    return client.isConnected();
  }

  /** Starts the worker and connects in the background (retrying until the broker answers). */
  public void start() {
    worker.start();
    connector.start();
  }

  /**
   * Connects, and connects again whenever the connection is lost, with the shared jittered
   * backoff (Paho's own automatic reconnect doubles without jitter: after a broker restart every
   * client would come back at the same instants). Logs the first failed attempt and then every
   * 20th, so a broker down for hours does not flood the log.
   */
  private void connectLoop() {
    Backoff backoff = new Backoff(Duration.ofMillis(250), config.maxReconnectDelay());
    int failures = 0;
    while (!closed) {
      try {
        if (client.isConnected()) {
          wake.acquire(); // connection lost, recycled or closing
          wake.drainPermits();
          continue;
        }
        try {
          client.connect(PahoClients.options(config))
              .waitForCompletion(config.connectTimeout().toMillis() + 1000);
          backoff.reset();
          failures = 0;
          continue;
        } catch (MqttException e) {
          failures++;
          long delay = backoff.nextDelayMs();
          if (failures == 1 || failures % 20 == 0) {
            LOG.warn("cannot connect to MQTT broker {} ({}, attempt {}); retrying in {} ms",
                config.broker(), e.toString(), failures, delay);
          }
          if (client.isConnected()) {
            continue; // connected meanwhile (a late completion)
          }
          Thread.sleep(delay);
        }
      } catch (InterruptedException e) {
        return; // closing
      }
    }
  }

  private final class Callback implements MqttCallbackExtended {
    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
      metrics.connects.increment();
      boolean again = everConnected;
      everConnected = true;
      List<String> topics = subscriptions.filters();
      LOG.info("{} MQTT broker {}; subscribing to {}", again ? "reconnected to" : "connected to",
          serverUri, topics);
      List<String> filters = new ArrayList<>(topics);
      if (brokerDrops != null) {
        filters.addAll(BrokerDropWatch.TOPICS);
      }
      int[] qos = new int[filters.size()];
      // mapped topics at QoS 1 (acked once spooled); the broker's $SYS figures at QoS 0
      Arrays.fill(qos, 0, topics.size(), 1);
      try {
        client.subscribe(filters.toArray(String[]::new), qos, null, new IMqttActionListener() {
          @Override
          public void onSuccess(IMqttToken token) {
            metrics.subscriptions.increment();
            LOG.debug("subscribed to {}", topics);
          }

          @Override
          public void onFailure(IMqttToken token, Throwable e) {
            LOG.error("subscription to {} failed: {}", topics, e.toString());
          }
        });
        List<String> leftovers = subscriptions.takeLeftovers();
        if (!leftovers.isEmpty()) {
          // a mapping swapped while disconnected dropped these; the session may still hold them
          client.unsubscribe(leftovers.toArray(String[]::new));
        }
      } catch (MqttException e) {
        LOG.error("cannot subscribe to {}: {}", topics, e.toString());
      }
    }

    @Override
    public void connectionLost(Throwable cause) {
      metrics.connectionsLost.increment();
      acker.connectionLost();
      LOG.warn("lost MQTT connection to {}: {}; reconnecting", config.broker(),
          cause == null ? "closed" : cause.toString());
      wake.release();
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
      if (brokerDrops != null && BrokerDropWatch.isSysTopic(topic)) {
        brokerDrops.accept(topic, message.getPayload()); // QoS 0: nothing to acknowledge
        return;
      }
      metrics.received.increment();
      InOrderAcker.Pending pending = message.getQos() > 0
          ? acker.register(message.getId(), message.getQos()) : null;
      Inbound in = new Inbound(topic, message.getPayload(), System.currentTimeMillis(), pending,
          mapper);
      if (!queue.offer(in)) {
        metrics.queueOverflows.increment();
        if (pending != null) {
          acker.abandon(pending);
          redeliveryNeeded = true;
        }
      }
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {
      // the source never publishes
    }
  }

  /** Called by the worker when the queue is empty. */
  private void afterDrain() {
    if (redeliveryNeeded && !closed) {
      recycleConnection();
    }
  }

  /**
   * MQTT 3.1.1 brokers resend unacknowledged messages only on a new connection: once the queue
   * has drained after an overflow, reconnect (same persistent session) to get them back.
   * Acks still pending from the old connection are dropped; those messages come back too
   * (at-least-once: the spool may see them twice).
   */
  private void recycleConnection() {
    redeliveryNeeded = false;
    metrics.redeliveryReconnects.increment();
    LOG.warn("inbound queue overflowed ({} messages refused so far); reconnecting so the broker "
        + "redelivers them", metrics.queueOverflows());
    acker.connectionLost();
    try {
      if (client.isConnected()) {
        client.disconnect(0).waitForCompletion(5000);
      }
    } catch (MqttException e) {
      LOG.warn("disconnect after overflow failed ({}); reconnecting anyway", e.toString());
    }
    wake.release(); // the connector connects again (same persistent session)
  }

  /**
   * Disconnects and stops the worker. Messages not yet acknowledged stay with the broker
   * (persistent session) and are redelivered on the next start.
   */
  @Override
  public void close() throws InterruptedException {
    closed = true;
    connector.interrupt();
    try {
      if (client.isConnected()) {
        client.disconnect(0).waitForCompletion(5000);
      }
    } catch (MqttException e) {
      LOG.debug("disconnect: {}", e.toString());
    }
    try {
      client.close(true);
    } catch (MqttException e) {
      LOG.debug("close: {}", e.toString());
    }
    queue.clear();
    queue.offer(Inbound.STOP);
    worker.join(5000);
    connector.join(5000);
  }
}
