package org.gridguard.hub.patrol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeedSignalTest {

  @Test
  void payloads_manyUsers_chunksUnderTheLimitAndEveryUserOnceInOrder() {
    List<String> users = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      users.add("patrol-" + i + "@village.example");
    }
    List<String> payloads = FeedSignal.payloads(users, 7_000);

    assertThat(payloads).hasSizeGreaterThan(1).allSatisfy(p -> assertThat(p.length())
        .isLessThanOrEqualTo(7_000));
    assertThat(payloads.stream().flatMap(p -> Arrays.stream(FeedSignal.usersOf(p))).toList())
        .isEqualTo(users);
  }

  @Test
  void payloads_oneOrNoUser_oneBareNameOrNothing() {
    assertThat(FeedSignal.payloads(List.of("a.b"), 7_000)).containsExactly("a.b");
    assertThat(FeedSignal.usersOf("a.b")).containsExactly("a.b");
    assertThat(FeedSignal.payloads(List.of(), 7_000)).isEmpty();
  }

  @Test
  void usernames_neverHoldTheSeparator() {
    assertThat(org.gridguard.hub.security.UserAccount.USERNAME.matcher("a b").matches()).isFalse();
  }
}
