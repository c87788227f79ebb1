package org.gridguard.hub.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.gridguard.hub.incident.IncidentAction;
import org.gridguard.hub.incident.IncidentState;
import org.junit.jupiter.api.Test;

/** Both languages have every text; every literal key a template uses exists; enums are covered. */
class MessageBundlesTest {
  private static final Path TEMPLATES = Path.of("src/main/resources/templates");
  /** {@code #{key}} and {@code #{key(args)}} with a literal key. */
  private static final Pattern KEY = Pattern.compile("#\\{([a-zA-Z][a-zA-Z0-9_.]*)[}(]");

  private static Properties bundle(String name) throws IOException {
    Properties p = new Properties();
    try (Reader r = new InputStreamReader(MessageBundlesTest.class.getResourceAsStream("/" + name),
        StandardCharsets.UTF_8)) {
      p.load(r);
    }
    return p;
  }

  @Test
  void bundles_chineseAndEnglish_haveTheSameKeys() throws IOException {
    assertThat(bundle("messages_en.properties").stringPropertyNames())
        .isEqualTo(bundle("messages_zh_CN.properties").stringPropertyNames());
  }

  @Test
  void templates_everyLiteralKey_isInTheBundles() throws IOException {
    Set<String> keys = bundle("messages_zh_CN.properties").stringPropertyNames();
    Set<String> missing = new TreeSet<>();
    try (Stream<Path> files = Files.walk(TEMPLATES)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".html")).toList()) {
        Matcher m = KEY.matcher(Files.readString(f));
        while (m.find()) {
          if (!keys.contains(m.group(1))) {
            missing.add(f.getFileName() + ": " + m.group(1));
          }
        }
      }
    }
    assertThat(missing).isEmpty();
  }

  @Test
  void bundles_everyStateAndAction_hasAName() throws IOException {
    Set<String> keys = bundle("messages_en.properties").stringPropertyNames();
    for (IncidentState s : IncidentState.values()) {
      assertThat(keys).contains("state." + s.name());
    }
    for (IncidentAction a : IncidentAction.values()) {
      assertThat(keys).contains("action." + a.pathName());
    }
  }

  @Test
  void bundles_navigationEntries_haveNames() throws IOException {
    Set<String> keys = bundle("messages_en.properties").stringPropertyNames();
    Navigation.ENTRIES.forEach(e -> assertThat(keys).contains(e.key()));
  }
}
