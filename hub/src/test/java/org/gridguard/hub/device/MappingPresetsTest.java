package org.gridguard.hub.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The hub's preset names are exactly the presets the edge agent ships. */
class MappingPresetsTest {
  /** The edge agent's preset resources, relative to the hub module (reactor build). */
  static final Path EDGE_PRESETS =
      Path.of("../edge-agent/src/main/resources/org/gridguard/edge/mapping/presets");

  @Test
  void names_edgeAgentPresetFiles_theSameList() throws IOException {
    assertThat(EDGE_PRESETS).as("the edge agent's preset directory " + EDGE_PRESETS.toAbsolutePath())
        .isDirectory();
    TreeSet<String> edge;
    try (Stream<Path> files = Files.list(EDGE_PRESETS)) {
      edge = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yml"))
          .map(n -> n.substring(0, n.length() - ".yml".length()))
          .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
    }
    TreeSet<String> hub = new TreeSet<>(MappingPresets.names());
    TreeSet<String> missingAtHub = new TreeSet<>(edge);
    missingAtHub.removeAll(hub);
    TreeSet<String> missingAtEdge = new TreeSet<>(hub);
    missingAtEdge.removeAll(edge);
    assertThat(missingAtHub).as("presets the edge ships that MappingPresets.ALL does not list "
        + "(add them with a description)").isEmpty();
    assertThat(missingAtEdge).as("presets MappingPresets.ALL lists that the edge does not ship "
        + "in " + EDGE_PRESETS).isEmpty();
  }

  @Test
  void all_everyPreset_hasTopicsAndADescription() {
    for (MappingPresets.Preset p : MappingPresets.ALL) {
      assertThat(p.topics()).as(p.name()).isNotEmpty();
      assertThat(p.description()).as(p.name()).hasSizeGreaterThan(40);
    }
    assertThat(MappingPresets.names()).doesNotHaveDuplicates();
    assertThat(MappingPresets.find("acme-access")).isPresent();
    assertThat(MappingPresets.find("nope")).isEmpty();
    assertThat(List.copyOf(MappingPresets.names())).allMatch(n -> !n.contains(","));
  }
}
