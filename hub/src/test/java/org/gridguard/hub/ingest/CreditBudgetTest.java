package org.gridguard.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CreditBudgetTest {
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  @Test
  void allocate_budgetFarFromUsed_fullInitialCredit() {
    CreditBudget budget = new CreditBudget(1_000_000, 4096, meters);
    for (int i = 0; i < 200; i++) {
      assertThat(budget.allocate()).isEqualTo(4096);
    }
    assertThat(meters.get("gridguard.ingest.credit.allocated").gauge().value())
        .isEqualTo(200 * 4096);
  }

  @Test
  void allocate_thousandsOfSessions_totalStaysNearBudgetAndEachGetsTheFloor() {
    CreditBudget budget = new CreditBudget(1_000_000, 4096, meters);
    List<Integer> credits = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      credits.add(budget.allocate());
    }
    assertThat(credits).allMatch(c -> c >= CreditBudget.FLOOR && c <= 4096);
    assertThat(credits.get(9_999)).isEqualTo(CreditBudget.FLOOR);
    assertThat(budget.allocated()).isLessThanOrEqualTo(1_000_000 + 10_000L * CreditBudget.FLOOR);
  }

  @Test
  void release_sessionsEnded_nextOneGetsFullCreditAgain() {
    CreditBudget budget = new CreditBudget(100_000, 4096, meters);
    List<Integer> credits = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      credits.add(budget.allocate());
    }
    int last = budget.allocate();
    assertThat(last).isLessThan(4096);
    credits.forEach(budget::release);
    assertThat(budget.allocated()).isEqualTo(last);
    assertThat(budget.allocate()).isEqualTo(4096);
  }

  @Test
  void allocate_configuredCreditBelowFloor_configuredCredit() {
    CreditBudget budget = new CreditBudget(0, 5, meters);
    assertThat(budget.allocate()).isEqualTo(5);
  }
}
