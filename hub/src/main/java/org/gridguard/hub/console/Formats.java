package org.gridguard.hub.console;

import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

/**
 * Dates and numbers in the reader's locale and the hub's calendar zone, for templates
 * ({@code ${fmt.time(i.createdAt)}}).
 */
public final class Formats {
  private final Locale locale;
  private final ZoneId zone;
  private final DateTimeFormatter time;

  Formats(Locale locale, ZoneId zone) {
    this.locale = locale;
    this.zone = zone;
    this.time = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withLocale(locale)
        .withZone(zone);
  }

  /** Date and time, or an empty string for null. */
  public String time(Instant at) {
    return at == null ? "" : time.format(at);
  }

  /** ISO-8601 with offset, for {@code <time datetime>}. */
  public String iso(Instant at) {
    return at == null ? "" : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at.atZone(zone));
  }

  public String number(Number n) {
    return n == null ? "" : NumberFormat.getNumberInstance(locale).format(n);
  }

  /** A share (0.25) as a percentage in the locale ("25%"). */
  public String percent(Double share) {
    if (share == null) {
      return "–";
    }
    NumberFormat f = NumberFormat.getPercentInstance(locale);
    f.setMaximumFractionDigits(1);
    return f.format(share);
  }

  public String lang() {
    return locale.toLanguageTag();
  }

  public boolean english() {
    return "en".equals(locale.getLanguage());
  }
}
