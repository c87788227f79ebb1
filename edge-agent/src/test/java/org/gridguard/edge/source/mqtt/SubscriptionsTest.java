package org.gridguard.edge.source.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The subscription follows a new mapping: new filters first, removed after; undone on failure. */
class SubscriptionsTest {
  private final List<String> calls = new ArrayList<>();
  private boolean connected = true;
  private String refuse;
  private RuntimeException failSubscribe;
  private RuntimeException failUnsubscribe;

  private final Subscriptions.Broker broker = new Subscriptions.Broker() {
    @Override
    public boolean connected() {
      return connected;
    }

    @Override
    public int[] subscribe(String[] filters, int[] qos, Duration timeout) {
      calls.add("subscribe " + Arrays.toString(filters) + " qos " + Arrays.toString(qos));
      if (failSubscribe != null) {
        throw failSubscribe;
      }
      return Arrays.stream(filters).mapToInt(f -> f.equals(refuse) ? Subscriptions.REFUSED : 1)
          .toArray();
    }

    @Override
    public void unsubscribe(String[] filters, Duration timeout) {
      calls.add("unsubscribe " + Arrays.toString(filters));
      if (failUnsubscribe != null) {
        throw failUnsubscribe;
      }
    }
  };

  private final Subscriptions subscriptions = new Subscriptions(broker,
      List.of("acme/access/+/event", "old/+/data"), Duration.ofSeconds(1));

  @Test
  void follow_connected_subscribesNewBeforeUnsubscribingRemoved_sharedOnesUntouched()
      throws Exception {
    String change = subscriptions.follow(List.of("acme/access/+/event", "vendor/+/x"));

    assertThat(calls).containsExactly("subscribe [vendor/+/x] qos [1]",
        "unsubscribe [old/+/data]");
    assertThat(subscriptions.filters()).containsExactly("acme/access/+/event", "vendor/+/x");
    assertThat(change).isEqualTo("subscribed to [vendor/+/x], unsubscribed from [old/+/data]");
    assertThat(subscriptions.takeLeftovers()).isEmpty();
  }

  @Test
  void follow_brokerRefusesAFilter_addedOnesUnsubscribedAgain_previousFiltersStay() {
    refuse = "vendor/+/y";

    assertThatThrownBy(() -> subscriptions.follow(List.of("vendor/+/x", "vendor/+/y")))
        .isInstanceOf(SubscriptionFailedException.class)
        .hasMessage("the broker refused the subscription to [vendor/+/y] (its ACL for this "
            + "client?); the previous subscription [acme/access/+/event, old/+/data] stays");
    assertThat(calls).containsExactly("subscribe [vendor/+/x, vendor/+/y] qos [1, 1]",
        "unsubscribe [vendor/+/x, vendor/+/y]");
    assertThat(subscriptions.filters()).containsExactly("acme/access/+/event", "old/+/data");
  }

  @Test
  void follow_subscribeFails_previousFiltersStay_nothingUnsubscribedThatWasThere() {
    failSubscribe = new IllegalStateException("timed out waiting for SUBACK");

    assertThatThrownBy(() -> subscriptions.follow(List.of("vendor/+/x")))
        .isInstanceOf(SubscriptionFailedException.class)
        .hasMessageContaining("subscribing to [vendor/+/x] failed")
        .hasMessageContaining("timed out waiting for SUBACK");
    assertThat(calls).containsExactly("subscribe [vendor/+/x] qos [1]",
        "unsubscribe [vendor/+/x]");
    assertThat(subscriptions.filters()).containsExactly("acme/access/+/event", "old/+/data");
  }

  @Test
  void follow_disconnected_nothingSentNow_nextConnectSubscribesNewAndDropsRemoved()
      throws Exception {
    connected = false;

    String change = subscriptions.follow(List.of("vendor/+/x"));

    assertThat(calls).isEmpty();
    assertThat(change).startsWith("not connected to the broker now");
    assertThat(subscriptions.filters()).containsExactly("vendor/+/x");
    assertThat(subscriptions.takeLeftovers())
        .containsExactlyInAnyOrder("acme/access/+/event", "old/+/data");
    assertThat(subscriptions.takeLeftovers()).as("taken once").isEmpty();
  }

  @Test
  void follow_unsubscribeFails_swappedAnyway_removedKeptForTheNextConnect() throws Exception {
    failUnsubscribe = new IllegalStateException("no UNSUBACK");

    String change = subscriptions.follow(List.of("acme/access/+/event"));

    assertThat(subscriptions.filters()).containsExactly("acme/access/+/event");
    assertThat(change).contains("unsubscribing from [old/+/data] failed");
    assertThat(subscriptions.takeLeftovers()).containsExactly("old/+/data");
  }

  @Test
  void follow_sameFilters_nothingSent() throws Exception {
    String change = subscriptions.follow(List.of("old/+/data", "acme/access/+/event"));

    assertThat(calls).isEmpty();
    assertThat(change).startsWith("subscription unchanged");
  }
}
