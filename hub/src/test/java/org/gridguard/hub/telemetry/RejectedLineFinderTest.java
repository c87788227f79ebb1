package org.gridguard.hub.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class RejectedLineFinderTest {
  @Test
  void find_twoBadLinesAmongMany_exactlyThoseWithTheirGatewayAndReason() throws Exception {
    List<TelemetryBatch> batches = List.of(
        new TelemetryBatch("gw-a", "m f=1 1\nm f=BAD 2\nm f=3 3", 3, List.of(), new CompletableFuture<>()),
        new TelemetryBatch("gw-b", "m f=4 4\nm f=5 5\nm f=BAD 6\nm f=7 7", 4, List.of(),
            new CompletableFuture<>()));
    List<String> written = new ArrayList<>();
    List<DeadLetterRepository.Entry> refused = RejectedLineFinder.find(batches,
        new WriteOutcome.Rejected(400, "first"), lines -> {
          if (lines.stream().anyMatch(l -> l.contains("BAD"))) {
            return new WriteOutcome.Rejected(400, "conflict in " + lines.size() + " lines");
          }
          written.addAll(lines);
          return WriteOutcome.WRITTEN;
        });
    assertThat(refused).extracting(DeadLetterRepository.Entry::gatewayId).containsExactly("gw-a", "gw-b");
    assertThat(refused).extracting(DeadLetterRepository.Entry::line)
        .containsExactly("m f=BAD 2", "m f=BAD 6");
    assertThat(refused.get(0).reason()).isEqualTo("conflict in 1 lines");
    assertThat(written).containsExactlyInAnyOrder("m f=1 1", "m f=3 3", "m f=4 4", "m f=5 5", "m f=7 7");
  }
}
