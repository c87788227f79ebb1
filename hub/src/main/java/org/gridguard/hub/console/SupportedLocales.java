package org.gridguard.hub.console;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The console's languages: Chinese (the default) and English. Anything else a browser or cookie
 * asks for is answered in the default, so no page ever shows a missing-message placeholder.
 */
final class SupportedLocales {
  static final Locale DEFAULT = Locale.SIMPLIFIED_CHINESE;
  static final List<Locale> ALL = List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH);

  private SupportedLocales() {}

  /** The supported locale closest to {@code wanted} (by language), else the default. */
  static Locale clamp(Locale wanted) {
    if (wanted != null && "en".equals(wanted.getLanguage())) {
      return Locale.ENGLISH;
    }
    return DEFAULT;
  }

  /** The locale a {@code ?lang=} value names ({@code zh}, {@code zh-CN}, {@code zh_CN}, {@code en}). */
  static Optional<Locale> parse(String lang) {
    if (lang == null) {
      return Optional.empty();
    }
    return switch (lang.strip().replace('_', '-').toLowerCase(Locale.ROOT)) {
      case "zh", "zh-cn", "zh-hans" -> Optional.of(Locale.SIMPLIFIED_CHINESE);
      case "en", "en-us", "en-gb" -> Optional.of(Locale.ENGLISH);
      default -> Optional.empty();
    };
  }
}
