package org.gridguard.hub.console;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.gridguard.hub.incident.Category;
import org.gridguard.hub.incident.IncidentCatalog;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Category names for the pages in the reader's language. The category table changes rarely (an
 * admin edits it), so it is read at most once a minute; bounded by the table itself.
 */
@Component
public class Catalog {
  private static final Duration REFRESH = Duration.ofMinutes(1);

  private final IncidentCatalog source;
  private volatile Map<String, Category> byCode = Map.of();
  private volatile Instant readAt = Instant.EPOCH;

  Catalog(IncidentCatalog source) {
    this.source = source;
  }

  public List<Category> categories() {
    return List.copyOf(current().values());
  }

  /** The category's name in the reader's language, or the code if unknown. */
  public String name(String code) {
    Category c = current().get(code);
    if (c == null) {
      return code;
    }
    return "en".equals(LocaleContextHolder.getLocale().getLanguage()) ? c.nameEn() : c.nameZh();
  }

  private Map<String, Category> current() {
    if (Instant.now().isAfter(readAt.plus(REFRESH))) {
      byCode = source.categories().stream().collect(Collectors.toMap(Category::code,
          Function.identity(), (a, b) -> a, java.util.TreeMap::new));
      readAt = Instant.now();
    }
    return byCode;
  }
}
