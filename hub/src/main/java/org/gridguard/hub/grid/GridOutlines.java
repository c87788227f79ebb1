package org.gridguard.hub.grid;

import java.util.ArrayList;
import java.util.List;
import org.gridguard.hub.security.GridScope;
import org.springframework.stereotype.Component;

/** The grid nodes of a scope for drawing (the console's map), read in pages, bounded. */
@Component
public class GridOutlines {
  private static final int PAGE = 500;

  private final GridRepository grids;

  GridOutlines(GridRepository grids) {
    this.grids = grids;
  }

  /** Up to {@code limit} nodes inside {@code scope}, by code (with or without a polygon). */
  public List<GridNode> inScope(GridScope scope, int limit) {
    List<GridNode> all = new ArrayList<>();
    String after = "";
    while (all.size() < limit) {
      List<GridNode> page = grids.page(scope, after, Math.min(PAGE, limit - all.size()));
      all.addAll(page);
      if (page.size() < PAGE) {
        break;
      }
      after = page.get(page.size() - 1).code();
    }
    return all;
  }
}
