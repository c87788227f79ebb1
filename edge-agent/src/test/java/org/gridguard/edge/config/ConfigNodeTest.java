package org.gridguard.edge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigNodeTest {
  @Test
  void accessors_manyBadValues_recordsEveryProblemWithItsPath() {
    ConfigProblems problems = new ConfigProblems();
    ConfigNode root = ConfigNode.root(Map.of(
        "spool", Map.of("budget", "lots", "fsync", "5 parsecs", "segments", 0),
        "mqtt", List.of(1, 2),
        "rules", Map.of("doors", List.of(Map.of("held_open", "30s"), "oops"))), problems);

    root.child("spool").bytes("budget", 1, 1, Long.MAX_VALUE);
    root.child("spool").duration("fsync", Duration.ofMillis(50), Duration.ZERO,
        Duration.ofSeconds(1));
    root.child("spool").integer("segments", 4, 1, 100);
    root.child("mqtt");
    List<ConfigNode> doors = root.child("rules").list("doors");
    doors.get(0).duration("held_open", Duration.ZERO, Duration.ZERO, Duration.ofHours(1));

    assertThat(problems.list()).containsExactly(
        "spool.budget: must be a size like 512, 64KiB, 10MiB or 2GiB, found 'lots'",
        "spool.fsync: must be a duration like 250ms, 5s, 10m, 2h or 7d, found '5 parsecs'",
        "spool.segments: must be within [1, 100], was 0",
        "mqtt: must be a mapping of keys to values, found a list",
        "rules.doors[1]: must be a mapping of keys to values, found 'oops'");
  }

  @Test
  void duration_units_parse() {
    ConfigNode node = ConfigNode.root(Map.of("a", "250ms", "b", "1.5s", "c", "2h"),
        new ConfigProblems());
    Duration max = Duration.ofDays(1);
    assertThat(node.duration("a", null, Duration.ZERO, max)).isEqualTo(Duration.ofMillis(250));
    assertThat(node.duration("b", null, Duration.ZERO, max)).isEqualTo(Duration.ofMillis(1500));
    assertThat(node.duration("c", null, Duration.ZERO, max)).isEqualTo(Duration.ofHours(2));
  }

  @Test
  void string_requiredMissing_isProblem() {
    ConfigProblems problems = new ConfigProblems();
    ConfigNode node = ConfigNode.root(Map.of("hub", Map.of("port", 7000)), problems);
    assertThat(node.child("hub").string("host")).isEmpty();
    assertThat(problems.list()).containsExactly("hub.host: is required");
  }

  @Test
  void rejectUnknownKeys_typo_isProblem() {
    ConfigProblems problems = new ConfigProblems();
    ConfigNode node = ConfigNode.root(Map.of("retension", "7d", "retention", "7d"), problems);
    node.duration("retention", Duration.ZERO, Duration.ZERO, Duration.ofDays(30));
    node.rejectUnknownKeys();
    assertThat(problems.list()).containsExactly("retension: unknown key");
  }

  @Test
  void throwIfAny_problems_listsThemAll() {
    ConfigProblems problems = new ConfigProblems();
    problems.add("a", "x");
    problems.add("b.c", "y");
    assertThatThrownBy(() -> problems.throwIfAny("agent.yml"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage("agent.yml has 2 problems:\n  a: x\n  b.c: y");
  }

  @Test
  void bytes_overflowingOrHugeSize_isProblemNotCrash() {
    ConfigProblems problems = new ConfigProblems();
    ConfigNode node = ConfigNode.root(Map.of("a", "9999999999GiB", "b", "99999999999999999999",
        "c", "64KiB"), problems);
    assertThat(node.bytes("a", 1, 0, Long.MAX_VALUE)).isEqualTo(1);
    assertThat(node.bytes("b", 2, 0, Long.MAX_VALUE)).isEqualTo(2);
    assertThat(node.bytes("c", 3, 0, Long.MAX_VALUE)).isEqualTo(64 << 10);
    assertThat(problems.list()).containsExactly(
        "a: must be a size like 512, 64KiB, 10MiB or 2GiB, found '9999999999GiB'",
        "b: must be a size like 512, 64KiB, 10MiB or 2GiB, found '99999999999999999999'");
  }

  @Test
  void duration_beyondLongMillis_isProblemNotCrash() {
    ConfigProblems problems = new ConfigProblems();
    ConfigNode node = ConfigNode.root(Map.of("t", "99999999999999999999d"), problems);
    assertThat(node.duration("t", Duration.ZERO, Duration.ZERO, Duration.ofDays(1)))
        .isEqualTo(Duration.ZERO);
    assertThat(problems.list()).hasSize(1);
  }
}
