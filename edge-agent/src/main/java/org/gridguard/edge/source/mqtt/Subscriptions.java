package org.gridguard.edge.source.mqtt;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The topic filters the MQTT source subscribes to (QoS 1), and how they follow a new mapping
 * while connected: the new filters are subscribed first, the removed ones unsubscribed after,
 * so no topic both mappings share goes unsubscribed for a moment. A filter the broker refuses
 * (granted QoS 0x80, an ACL) or does not answer for in time fails the change: the filters
 * subscribed for it are unsubscribed again and the previous ones stay. While disconnected the
 * change only takes effect at the next connect (which subscribes {@link #filters()} and drops
 * what the persistent session still holds of the removed ones, see {@link #takeLeftovers()}).
 * {@link #follow} blocks for the broker's answer: never call it on a Paho callback thread.
 */
final class Subscriptions {
  private static final Logger LOG = LoggerFactory.getLogger(Subscriptions.class);
  /** QoS the broker grants in a SUBACK for a refused filter (MQTT 3.1.1 §3.9.3). */
  static final int REFUSED = 0x80;

  /** The broker operations, blocking until it answered (Paho's async client waited on). */
  interface Broker {
    boolean connected();

    /** @return the granted QoS per filter, {@link #REFUSED} for one refused */
    int[] subscribe(String[] filters, int[] qos, Duration timeout) throws Exception;

    void unsubscribe(String[] filters, Duration timeout) throws Exception;
  }

  private final Broker broker;
  private final Duration timeout;
  private volatile List<String> filters;
  /** Removed while disconnected (or their unsubscribe failed): dropped at the next connect. */
  private final Set<String> leftovers = ConcurrentHashMap.newKeySet();

  Subscriptions(Broker broker, List<String> filters, Duration timeout) {
    this.broker = broker;
    this.filters = List.copyOf(filters);
    this.timeout = timeout;
  }

  /** The filters in force (what a connect subscribes); never blocks. */
  List<String> filters() {
    return filters;
  }

  /**
   * Filters a previous mapping subscribed that the broker's persistent session may still hold;
   * the connect that takes them unsubscribes them. Never blocks.
   */
  List<String> takeLeftovers() {
    List<String> out = new ArrayList<>();
    for (String f : leftovers) {
      if (leftovers.remove(f) && !filters.contains(f)) {
        out.add(f);
      }
    }
    return out;
  }

  /**
   * Subscribes to the filters {@code next} adds, then unsubscribes those it drops.
   *
   * @return what changed, for the answer to the hub
   * @throws SubscriptionFailedException when a new filter was not subscribed; the previous
   *     filters are in force again
   */
  synchronized String follow(List<String> next) throws SubscriptionFailedException {
    List<String> old = filters;
    List<String> added = next.stream().filter(f -> !old.contains(f)).distinct().toList();
    List<String> removed = old.stream().filter(f -> !next.contains(f)).toList();
    if (added.isEmpty() && removed.isEmpty()) {
      return "subscription unchanged " + old;
    }
    if (!broker.connected()) {
      filters = List.copyOf(next);
      leftovers.addAll(removed);
      leftovers.removeAll(next);
      return "not connected to the broker now: the next connect subscribes to " + added
          + " and drops " + removed;
    }
    if (!added.isEmpty()) {
      subscribe(added);
    }
    filters = List.copyOf(next);
    leftovers.removeAll(next);
    String unsubscribed = "unsubscribed from " + removed;
    if (!removed.isEmpty()) {
      try {
        broker.unsubscribe(removed.toArray(String[]::new), timeout);
      } catch (Exception e) {
        leftovers.addAll(removed);
        LOG.warn("unsubscribing from {} failed ({}); retried at the next connect", removed,
            e.toString());
        unsubscribed = "unsubscribing from " + removed + " failed (" + e + "), retried at the "
            + "next connect (meanwhile their messages match no rule and are dead-lettered)";
      }
    }
    return "subscribed to " + added + ", " + unsubscribed;
  }

  private void subscribe(List<String> added) throws SubscriptionFailedException {
    int[] qos = new int[added.size()];
    Arrays.fill(qos, 1);
    int[] granted;
    try {
      granted = broker.subscribe(added.toArray(String[]::new), qos, timeout);
    } catch (Exception e) {
      throw undo(added, "subscribing to " + added + " failed: " + e, e);
    }
    List<String> refused = new ArrayList<>();
    for (int i = 0; i < added.size(); i++) {
      if (granted == null || i >= granted.length || granted[i] == REFUSED) {
        refused.add(added.get(i));
      }
    }
    if (!refused.isEmpty()) {
      throw undo(added, "the broker refused the subscription to " + refused
          + " (its ACL for this client?)", null);
    }
  }

  /** Unsubscribes what was subscribed for a change that failed; the old filters stay. */
  private SubscriptionFailedException undo(List<String> added, String why, Exception cause) {
    try {
      if (broker.connected()) {
        broker.unsubscribe(added.toArray(String[]::new), timeout);
      } else {
        leftovers.addAll(added);
      }
    } catch (Exception e) {
      leftovers.addAll(added);
      LOG.warn("unsubscribing from {} after a failed change failed too ({}); retried at the "
          + "next connect", added, e.toString());
    }
    return new SubscriptionFailedException(why + "; the previous subscription " + filters
        + " stays", cause);
  }
}
