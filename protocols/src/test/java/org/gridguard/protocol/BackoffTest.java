package org.gridguard.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  void nextDelay_maximalJitter_doublesUpToTheCap() {
    Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), () -> 0.999_999);
    long[] delays = new long[9];
    for (int i = 0; i < delays.length; i++) {
      delays[i] = b.nextDelayMs();
    }
    assertThat(delays).containsExactly(999, 1999, 3999, 7999, 15_999, 31_999, 59_999, 59_999,
        59_999);
  }

  @Test
  void nextDelay_fullJitter_isUniformFromZero() {
    Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), () -> 0.0);
    assertThat(b.nextDelayMs()).isZero();
    assertThat(b.nextDelayMs()).isZero();
  }

  @Test
  void nextDelay_afterRetryAfter_neverSoonerAndOnlyOnce() {
    Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), () -> 0.5);
    b.retryAfter(30_000);
    assertThat(b.nextDelayMs()).isEqualTo(30_000);
    assertThat(b.nextDelayMs()).isEqualTo(1_000);
  }

  @Test
  void reset_afterLongSession_startsFromBaseAgain() {
    Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), () -> 0.999_999);
    for (int i = 0; i < 5; i++) {
      b.nextDelayMs();
    }
    b.reset();
    assertThat(b.nextDelayMs()).isEqualTo(999);
  }

  @Test
  void nextDelay_manyInstancesAfterOneOutage_doNotRetryInLockstep() {
    java.util.Random seeds = new java.util.Random(42);
    java.util.Set<Long> thirdDelays = new java.util.HashSet<>();
    for (int camera = 0; camera < 8; camera++) {
      java.util.Random r = new java.util.Random(seeds.nextLong());
      Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), r::nextDouble);
      b.nextDelayMs();
      b.nextDelayMs();
      thirdDelays.add(b.nextDelayMs());
    }
    assertThat(thirdDelays).hasSizeGreaterThan(6);
    assertThat(thirdDelays).allSatisfy(d -> assertThat(d).isBetween(0L, 3999L));
  }

  @Test
  void constructor_capBelowBase_namesBoth() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> new Backoff(Duration.ofSeconds(5), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("base PT5S, cap PT1S");
  }
}
