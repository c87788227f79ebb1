package org.gridguard.hub.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class SupportedLocalesTest {
  @Test
  void clamp_english_isEnglish() {
    assertThat(SupportedLocales.clamp(Locale.US)).isEqualTo(Locale.ENGLISH);
  }

  @Test
  void clamp_unsupportedOrMissing_isChinese() {
    assertThat(SupportedLocales.clamp(Locale.FRENCH)).isEqualTo(Locale.SIMPLIFIED_CHINESE);
    assertThat(SupportedLocales.clamp(null)).isEqualTo(Locale.SIMPLIFIED_CHINESE);
    assertThat(SupportedLocales.clamp(Locale.TRADITIONAL_CHINESE))
        .isEqualTo(Locale.SIMPLIFIED_CHINESE);
  }

  @Test
  void parse_spellingsOfBothLanguages_areRecognised() {
    assertThat(SupportedLocales.parse("zh-CN")).contains(Locale.SIMPLIFIED_CHINESE);
    assertThat(SupportedLocales.parse("zh_CN")).contains(Locale.SIMPLIFIED_CHINESE);
    assertThat(SupportedLocales.parse(" EN ")).contains(Locale.ENGLISH);
  }

  @Test
  void parse_unknownValue_isIgnored() {
    assertThat(SupportedLocales.parse("fr")).isEmpty();
    assertThat(SupportedLocales.parse("")).isEmpty();
    assertThat(SupportedLocales.parse(null)).isEmpty();
  }
}
