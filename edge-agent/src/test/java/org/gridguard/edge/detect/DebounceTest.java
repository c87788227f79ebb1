package org.gridguard.edge.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.gridguard.edge.detect.Debounce.Transition;
import org.junit.jupiter.api.Test;

class DebounceTest {
  @Test
  void update_conditionHeldLongEnough_beginsOnceThenEndsOnce() {
    Debounce d = new Debounce(1000, 500, 0);
    assertThat(d.update(true, 0)).isEqualTo(Transition.NONE);
    assertThat(d.update(true, 900)).isEqualTo(Transition.NONE);
    assertThat(d.update(true, 1000)).isEqualTo(Transition.BEGIN);
    assertThat(d.update(true, 5000)).isEqualTo(Transition.NONE);
    assertThat(d.update(false, 5100)).isEqualTo(Transition.NONE);
    assertThat(d.update(false, 5600)).isEqualTo(Transition.END);
    assertThat(d.update(false, 9000)).isEqualTo(Transition.NONE);
  }

  @Test
  void update_conditionShorterThanMinimum_neverBegins() {
    Debounce d = new Debounce(1000, 500, 0);
    d.update(true, 0);
    d.update(true, 800);
    assertThat(d.update(false, 900)).isEqualTo(Transition.NONE);
    assertThat(d.update(true, 1000)).isEqualTo(Transition.NONE);
    assertThat(d.update(true, 1900)).isEqualTo(Transition.NONE);
    assertThat(d.update(true, 2000)).isEqualTo(Transition.BEGIN);
  }

  @Test
  void update_shortGapWithinTolerance_keepsTiming() {
    Debounce d = new Debounce(1000, 500, 300);
    d.update(true, 0);
    d.update(true, 200);
    d.update(false, 400); // 200 ms after the last true frame: a gap, not an end
    assertThat(d.update(true, 600)).isEqualTo(Transition.NONE);
    assertThat(d.update(true, 1000)).isEqualTo(Transition.BEGIN);
  }

  @Test
  void update_gapLongerThanTolerance_restartsTiming() {
    Debounce d = new Debounce(1000, 500, 300);
    d.update(true, 0);
    d.update(false, 400);
    assertThat(d.update(true, 600)).isEqualTo(Transition.NONE);
    assertThat(d.update(true, 1000)).isEqualTo(Transition.NONE);
    assertThat(d.update(true, 1600)).isEqualTo(Transition.BEGIN);
  }

  @Test
  void update_flickeringWhileActive_doesNotEnd() {
    Debounce d = new Debounce(0, 1000, 0);
    assertThat(d.update(true, 0)).isEqualTo(Transition.BEGIN);
    for (long t = 100; t < 5000; t += 200) {
      assertThat(d.update(t % 400 == 100, t)).isEqualTo(Transition.NONE);
    }
  }
}
