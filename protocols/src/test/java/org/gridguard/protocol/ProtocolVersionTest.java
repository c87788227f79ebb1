package org.gridguard.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * PROTOCOL.md §9 with old/new pairs: the session runs at the lower minor, only features both
 * listed are used, and another major has no session. Both sides call the same functions.
 */
class ProtocolVersionTest {
  private static final int OLD = 100;   // a 1.0 peer
  private static final int NEW = 103;   // a future 1.3 peer

  @Test
  void negotiate_oldEdgeNewHub_sessionAtTheEdgesMinorBothSidesAgree() {
    int hubSays = ProtocolVersion.negotiate(NEW, OLD);    // the hub judging the edge's Hello
    int edgeSays = ProtocolVersion.negotiate(OLD, hubSays); // the edge judging the HelloAck

    assertThat(hubSays).isEqualTo(OLD);
    assertThat(edgeSays).isEqualTo(OLD);
  }

  @Test
  void negotiate_newEdgeOldHub_fallsBackToTheHubsMinor() {
    int hubSays = ProtocolVersion.negotiate(OLD, NEW);
    int edgeSays = ProtocolVersion.negotiate(NEW, hubSays);

    assertThat(hubSays).isEqualTo(OLD);
    assertThat(edgeSays).isEqualTo(OLD);
  }

  @Test
  void shared_newEdgeOldHub_newFeatureNotUsed() {
    List<String> newEdge = List.of(ProtocolFeatures.EVIDENCE_V1, "config.v2");
    List<String> oldHub = ProtocolFeatures.V1_0;

    assertThat(ProtocolFeatures.shared(newEdge, oldHub))
        .containsExactly(ProtocolFeatures.EVIDENCE_V1);
    assertThat(ProtocolFeatures.shared(oldHub, newEdge))
        .containsExactly(ProtocolFeatures.EVIDENCE_V1);
  }

  @Test
  void shared_oldEdgeWithoutEvidence_newHubOffersNone() {
    assertThat(ProtocolFeatures.shared(ProtocolFeatures.V1_0, List.of())).isEmpty();
  }

  @Test
  void negotiate_otherMajorOrNone_unsupported() {
    assertThat(ProtocolVersion.negotiate(ProtocolVersion.CURRENT, 200))
        .isEqualTo(ProtocolVersion.UNSUPPORTED);
    assertThat(ProtocolVersion.negotiate(200, ProtocolVersion.CURRENT))
        .isEqualTo(ProtocolVersion.UNSUPPORTED);
    assertThat(ProtocolVersion.negotiate(0)).isEqualTo(ProtocolVersion.UNSUPPORTED);
    assertThat(ProtocolVersion.negotiate(ProtocolVersion.CURRENT))
        .isEqualTo(ProtocolVersion.CURRENT);
  }

  @Test
  void describe_version_majorDotMinor() {
    assertThat(ProtocolVersion.describe(103)).isEqualTo("1.3");
    assertThat(ProtocolVersion.describe(-1)).isEqualTo("none");
  }
}
