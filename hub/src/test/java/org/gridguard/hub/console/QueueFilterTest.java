package org.gridguard.hub.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.gridguard.hub.incident.IncidentQuery;
import org.gridguard.hub.incident.IncidentState;
import org.gridguard.hub.incident.StepClock;
import org.junit.jupiter.api.Test;

class QueueFilterTest {
  @Test
  void query_validFields_becomeTheQuery() {
    QueueFilter f = new QueueFilter("dispatched", "2", "9205", "330102001", "true", "red", 3);
    IncidentQuery q = f.query(20);
    assertThat(f.problems()).isEmpty();
    assertThat(q).isEqualTo(new IncidentQuery(IncidentState.DISPATCHED, 2, "9205", "330102001",
        true, StepClock.Colour.RED, 3, 20));
  }

  @Test
  void query_blankFields_meanAny() {
    IncidentQuery q = new QueueFilter(" ", "", null, "", "", "", 0).query(20);
    assertThat(q).isEqualTo(new IncidentQuery(null, null, null, null, null, null, 0, 20));
  }

  @Test
  void problems_badFields_areEachNamedAndLeftOutOfTheQuery() {
    QueueFilter f = new QueueFilter("LOST", "7", "12", "33010", "maybe", "blue", 0);
    assertThat(f.problems()).extracting(QueueFilter.Problem::field)
        .containsExactly("state", "priority", "category", "grid", "overdue", "colour");
    assertThat(f.query(20)).isEqualTo(new IncidentQuery(null, null, null, null, null, null, 0,
        20));
  }

  @Test
  void queryString_keepsFiltersForOtherPages_encoded() {
    QueueFilter f = new QueueFilter("REPORTED", null, null, null, null, "a&b", 0);
    assertThat(f.queryString(2)).isEqualTo("?page=2&state=REPORTED&colour=a%26b");
  }

  @Test
  void page_negativeOrHuge_isClamped() {
    assertThat(new QueueFilter(null, null, null, null, null, null, -4).page()).isZero();
    assertThat(new QueueFilter(null, null, null, null, null, null, Integer.MAX_VALUE).page())
        .isEqualTo(100_000);
  }
}
