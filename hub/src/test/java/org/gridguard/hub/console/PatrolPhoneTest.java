package org.gridguard.hub.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The phone script's texts: every key it is given is in both bundles, every key it uses is given. */
class PatrolPhoneTest {
  private static final Path SCRIPT = Path.of("src/main/resources/static/assets/patrol-tasks.js");

  private static Properties bundle(String name) throws IOException {
    Properties p = new Properties();
    try (InputStream in = PatrolPhoneTest.class.getResourceAsStream("/" + name)) {
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return p;
  }

  @Test
  void keys_givenToTheScript_areInBothBundles() throws IOException {
    for (String name : new String[] {"messages_zh_CN.properties", "messages_en.properties"}) {
      Set<String> keys = bundle(name).stringPropertyNames();
      assertThat(keys).as(name).containsAll(PatrolPhone.KEYS);
    }
  }

  @Test
  void keys_usedByTheScript_areGiven() throws IOException {
    String js = Files.readString(SCRIPT);
    // t('key') and need('key') with a literal key; dynamic ones ('state.' + s, 'act.' + a, ...)
    // are covered by the state and action lists below
    Matcher m = Pattern.compile("\\b(?:t|need)\\('([a-zA-Z.0-9]+)'\\s*[,)]").matcher(js);
    Set<String> used = new TreeSet<>();
    while (m.find()) {
      used.add("phone." + m.group(1));
    }
    for (String s : new String[] {"NEW", "DELIVERED", "ACCEPTED", "ARRIVED", "RESOLVED",
        "RETURNED", "WITHDRAWN"}) {
      used.add("phone.state." + s);
    }
    for (String a : new String[] {"accept", "arrive", "note", "photo", "resolve", "return",
        "delivered"}) {
      used.add("phone.act." + a);
    }
    for (String s : new String[] {"on", "connecting", "reconnecting", "signedOut"}) {
      used.add("phone.live." + s);
    }
    used.add("phone.queue.full"); // from the queue, shown through need()
    used.add("phone.photo.tooMany");
    used.add("phone.photo.bad");
    assertThat(PatrolPhone.KEYS).containsAll(used);
  }
}
