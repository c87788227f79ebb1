package org.gridguard.hub.incident;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Puts the default categories ({@code incident/categories.yml}) and time limits
 * ({@code incident/time-limits.yml}) into their tables at start, for every key not there yet:
 * rows edited in the database are kept; several instances starting at once insert each once.
 */
@Component
class DefaultTables implements SmartInitializingSingleton {
  private static final Logger log = LoggerFactory.getLogger(DefaultTables.class);

  private final CatalogRepository catalog;

  DefaultTables(CatalogRepository catalog) {
    this.catalog = catalog;
  }

  @Override
  public void afterSingletonsInstantiated() {
    int categories = 0;
    for (Category c : categories("incident/categories.yml")) {
      categories += catalog.insertIfMissing(c) ? 1 : 0;
    }
    int limits = 0;
    for (TimeLimit l : limits("incident/time-limits.yml")) {
      limits += catalog.insertIfMissing(l) ? 1 : 0;
    }
    if (categories + limits > 0) {
      log.info("incident: added {} default categories and {} default time limits", categories,
          limits);
    }
  }

  static List<Category> categories(String resource) {
    return entries(resource, "categories").stream().map(e -> {
      try {
        return new Category(text(e, "code"), text(e, "zh"), text(e, "en"),
            ((Number) e.get("priority")).intValue(), Boolean.TRUE.equals(e.get("lifeSafety")));
      } catch (RuntimeException ex) {
        throw new IllegalStateException(resource + ": entry " + e + ": " + ex.getMessage(), ex);
      }
    }).toList();
  }

  static List<TimeLimit> limits(String resource) {
    return entries(resource, "limits").stream().map(e -> {
      try {
        return new TimeLimit(text(e, "category"), ((Number) e.get("priority")).intValue(),
            Step.valueOf(text(e, "step")), LimitKind.valueOf(text(e, "kind")),
            ((Number) e.get("amount")).doubleValue());
      } catch (RuntimeException ex) {
        throw new IllegalStateException(resource + ": entry " + e + ": " + ex.getMessage(), ex);
      }
    }).toList();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> entries(String resource, String key) {
    try (InputStream in = new ClassPathResource(resource).getInputStream()) {
      Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
      if (!(root instanceof Map<?, ?> map) || !(map.get(key) instanceof List<?> list)) {
        throw new IllegalStateException(resource + ": expected a list under '" + key + "'");
      }
      return (List<Map<String, Object>>) list;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  private static String text(Map<String, Object> entry, String key) {
    Object v = entry.get(key);
    if (v == null) {
      throw new IllegalArgumentException("'" + key + "' is missing");
    }
    return v.toString();
  }
}
