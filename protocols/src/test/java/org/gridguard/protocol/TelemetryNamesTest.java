package org.gridguard.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TelemetryNamesTest {
  @ParameterizedTest
  @ValueSource(strings = {"water_level", "temp humidity", "a,b=c", "\"quoted\"", "it's", "水位",
      "东门 1", "😀", " lead", "trail ", "c#", "=", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "\u2028", "\ufeff"})
  void problem_namesLineProtocolCanEscape_none(String name) {
    assertThat(TelemetryNames.problem(name)).isNull();
    assertThat(TelemetryNames.valid(name)).isTrue();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "smoke\\|contains a backslash at index 5 (line protocol's escape character): 'smoke\\\\'",
      "a\\,b|contains a backslash at index 1",
      "#smoke|starts with '#' (InfluxDB would read the line as a comment): '#smoke'"})
  void problem_backslashOrLeadingHash_namedWithIndexAndValue(String name, String problem) {
    assertThat(TelemetryNames.problem(name)).startsWith(problem);
  }

  @Test
  void problem_controlCharacters_namedByCodePointAndIndex() {
    assertThat(TelemetryNames.problem("a\u0000b"))
        .isEqualTo("contains control character U+0000 at index 1: 'a\\u0000b'");
    assertThat(TelemetryNames.problem("ab\n")).startsWith("contains control character U+000A at index 2");
    assertThat(TelemetryNames.problem("\tx")).startsWith("contains control character U+0009 at index 0");
    assertThat(TelemetryNames.problem("x\u007f")).startsWith("contains control character U+007F");
    assertThat(TelemetryNames.problem("x\u0085")).startsWith("contains control character U+0085");
  }

  @Test
  void problem_emptyTooLongOrUnpairedSurrogate_refused() {
    assertThat(TelemetryNames.problem("")).isEqualTo("is empty");
    assertThat(TelemetryNames.problem("x".repeat(129)))
        .startsWith("is 129 characters, at most 128 allowed: 'xxx");
    assertThat(TelemetryNames.problem("a\ud83d")).startsWith("contains an unpaired surrogate at index 1");
    assertThat(TelemetryNames.problem("\ude00a")).startsWith("contains an unpaired surrogate at index 0");
  }
}
