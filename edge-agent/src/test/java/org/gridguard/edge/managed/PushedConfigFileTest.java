package org.gridguard.edge.managed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.gridguard.edge.config.InvalidConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The last good push on disk: atomic, owner-only, and a broken file is refused clearly. */
class PushedConfigFileTest {
  @TempDir Path dir;

  private static final Map<String, Object> SECTIONS = Map.of(
      "video", Map.of("cameras", List.of(Map.of("id", "cam-1",
          "url", "rtsp://admin:secret@10.0.0.2/s"))),
      "rules", Map.of("devices", Map.of("door-1", Map.of("door_held_open", "60s"))));

  @Test
  void save_thenLoad_sameVersionAndSections() throws Exception {
    PushedConfigFile file = PushedConfigFile.besideSpool(dir.resolve("spool"));

    file.save(new PushedConfig(17, SECTIONS));

    assertThat(file.path()).isEqualTo(dir.resolve("pushed-config.yml"));
    PushedConfig loaded = file.load().orElseThrow();
    assertThat(loaded.version()).isEqualTo(17);
    assertThat(loaded.sections()).isEqualTo(SECTIONS);
  }

  @Test
  void save_allFiveManagedKeys_thenLoad_sameSections() throws Exception {
    PushedConfigFile file = PushedConfigFile.besideSpool(dir.resolve("spool"));
    Map<String, Object> all = Map.of(
        "video", Map.of("cameras", List.of()),
        "rules", Map.of("devices", Map.of(), "device_types",
            Map.of("water_level", Map.of("expected_interval", "30m"))),
        "mapping", Map.of("presets", List.of("acme-access"), "rules", List.of(Map.of(
            "name", "r", "topic", "vendor/+/x", "device_id", "{topic[1]}",
            "device_type", "meter", "readings", List.of(Map.of("metric", "e", "path", "$.e"))))));

    file.save(new PushedConfig(3, all));

    assertThat(file.load().orElseThrow().sections()).isEqualTo(all);
    assertThat(Files.readString(file.path())).contains("device_types:").contains("presets:");
  }

  @Test
  void save_holdsStreamCredentials_ownerOnlyAndNoTemporaryLeft() throws Exception {
    PushedConfigFile file = new PushedConfigFile(dir.resolve("pushed-config.yml"));

    file.save(new PushedConfig(1, SECTIONS));
    file.save(new PushedConfig(2, Map.of("video", Map.of("cameras", List.of()))));

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.path())))
        .isEqualTo("rw-------");
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(file.path());
    }
    assertThat(file.load().orElseThrow().version()).isEqualTo(2);
    assertThat(Files.readString(file.path()))
        .startsWith("# The last good configuration pushed").contains("config_version: 2");
  }

  @Test
  void load_noFile_empty() {
    assertThat(new PushedConfigFile(dir.resolve("none.yml")).load()).isEmpty();
  }

  @Test
  void load_truncatedYaml_refusedWithLineAndColumn() throws Exception {
    Path path = dir.resolve("pushed-config.yml");
    Files.writeString(path, "config_version: 3\nvideo:\n  cameras: [{id: cam-1, url: \"rtsp://");

    assertThatThrownBy(() -> new PushedConfigFile(path).load())
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining(path.toString()).hasMessageContaining("not valid YAML");
  }

  @Test
  void load_withoutVersion_refusedNamingIt() throws Exception {
    Path path = dir.resolve("pushed-config.yml");
    Files.writeString(path, "video: {cameras: []}\n");

    assertThatThrownBy(() -> new PushedConfigFile(path).load())
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("config_version");
  }

  @Test
  void load_unmanagedSection_refused() throws Exception {
    Path path = dir.resolve("pushed-config.yml");
    Files.writeString(path, "config_version: 4\nhub: {host: evil}\n");

    assertThatThrownBy(() -> new PushedConfigFile(path).load())
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("hub: not a managed");
  }
}
