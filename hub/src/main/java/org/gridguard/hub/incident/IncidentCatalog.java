package org.gridguard.hub.incident;

import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The incident categories for other packages (the console's filters and labels); the table
 * itself stays in {@link CatalogRepository}.
 */
@Component
public class IncidentCatalog {
  private final CatalogRepository catalog;

  IncidentCatalog(CatalogRepository catalog) {
    this.catalog = catalog;
  }

  /** Every category, by code. */
  public List<Category> categories() {
    return catalog.categories();
  }
}
