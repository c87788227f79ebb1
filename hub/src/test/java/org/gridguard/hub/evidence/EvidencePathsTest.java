package org.gridguard.hub.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EvidencePathsTest {
  @TempDir Path dir;

  @Test
  void complete_andPartial_oneLevelInsideTheGatewayDirectory_partialApart() {
    EvidencePaths paths = new EvidencePaths(dir.resolve("evidence"));
    Path root = dir.resolve("evidence").toAbsolutePath().normalize();
    assertThat(paths.complete("gw-1", "ev-1")).isEqualTo(root.resolve("gw-1/ev-1"));
    assertThat(paths.partial("gw-1", "ev-1")).isEqualTo(root.resolve("gw-1/.partial/ev-1"));
    // ids x and x.part never share a file
    assertThat(paths.partial("gw-1", "x")).isNotEqualTo(paths.complete("gw-1", "x.part"));
    assertThat(paths.legacyPartial("gw-1", "x")).isEqualTo(root.resolve("gw-1/x.part"));
  }

  @Test
  void root_relativeWithDots_normalisedOnce() {
    EvidencePaths paths = new EvidencePaths(dir.resolve("a/../evidence/."));
    assertThat(paths.root()).isEqualTo(dir.resolve("evidence").toAbsolutePath().normalize());
  }

  @ParameterizedTest
  @ValueSource(strings = {"..", ".", "", "a/b", "../x", "/etc", ".partial", "-x"})
  void gatewayDirectory_idsThatAreNotOneSafeName_refused(String gateway) {
    EvidencePaths paths = new EvidencePaths(dir);
    assertThatThrownBy(() -> paths.complete(gateway, "hub-db.mv.db"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no evidence path for gateway id must be 1-64 characters");
  }

  @ParameterizedTest
  @ValueSource(strings = {"..", ".", "", "a/b", "../hub-db.mv.db", ".partial"})
  void complete_evidenceIdsThatAreNotOneSafeName_refused(String id) {
    EvidencePaths paths = new EvidencePaths(dir);
    assertThatThrownBy(() -> paths.complete("gw-1", id)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no evidence path for evidence id must be 1-128 characters");
    assertThatThrownBy(() -> paths.partial("gw-1", id)).isInstanceOf(IllegalArgumentException.class);
  }

  /** The second line of defence: whatever rule let a name through, it must stay a child. */
  @ParameterizedTest
  @ValueSource(strings = {"..", ".", "", "a/..", "a/b", "../../etc/passwd", "/etc/passwd", "x/."})
  void child_namesThatLeaveOrAreNotDirectChildren_refused(String name) {
    assertThatThrownBy(() -> EvidencePaths.child(dir, name))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void child_plainName_isTheDirectChild() {
    assertThat(EvidencePaths.child(dir, "ev-1.jpg")).isEqualTo(dir.toAbsolutePath().resolve("ev-1.jpg"));
  }
}
