package org.gridguard.hub.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HubScrapeTest {
  private static final String TEXT = """
      # HELP gridguard_ingest_ack_latency_seconds x
      gridguard_ingest_ack_latency_seconds_bucket{lane="BULK",le="0.1"} 9.0
      gridguard_ingest_ack_latency_seconds_bucket{lane="PRIORITY",le="0.1"} 3.0
      gridguard_ingest_ack_latency_seconds_bucket{lane="PRIORITY",le="+Inf"} 4.0
      gridguard_task_run_seconds_count{outcome="ok",task="sweep"} 2.0
      gridguard_task_run_seconds_count{outcome="failed",task="sweep"} 1.0
      gridguard_task_run_seconds_sum{outcome="ok",task="sweep"} 0.5
      gridguard_task_run_seconds_max{outcome="ok",task="sweep"} 0.3
      gridguard_task_run_seconds_max{outcome="failed",task="sweep"} 0.4
      gridguard_alarm_batch_seconds_count 7.0
      gridguard_alarm_batch_seconds_sum 0.7
      gridguard_alarm_batch_seconds_max 0.2
      gridguard_ingest_priority_wait_seconds_count{lane="a"} 1.0
      gridguard_ingest_priority_wait_seconds_count{lane="b"} 2.0
      gridguard_ingest_priority_wait_seconds_max{lane="a"} 0.5
      gridguard_ingest_priority_wait_seconds_max{lane="b"} 0.1
      """;

  @Test
  void parse_oneScrape_priorityBucketsTasksAndMetersOverTheirTags() {
    HubScrape s = HubScrape.parse(TEXT, List.of("gridguard_alarm_batch_seconds",
        "gridguard_ingest_priority_wait_seconds"));
    assertThat(s.priorityAck()).containsEntry(0.1, 3.0)
        .containsEntry(Double.POSITIVE_INFINITY, 4.0).hasSize(2);
    assertThat(s.tasks().get("sweep")).containsExactly(3.0, 0.5, 0.4);
    assertThat(s.meter("gridguard_alarm_batch_seconds")).containsExactly(7.0, 0.7, 0.2);
    assertThat(s.meter("gridguard_ingest_priority_wait_seconds")).containsExactly(3.0, 0.0, 0.5);
    assertThat(s.meter("gridguard_task_run_seconds")).containsExactly(0.0, 0.0, 0.0);
  }
}
