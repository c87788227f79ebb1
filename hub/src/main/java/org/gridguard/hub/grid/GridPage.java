package org.gridguard.hub.grid;

import java.util.List;

/** One page of nodes and how many match in all. */
record GridPage(List<GridSummary> items, long total, int page, int size) {
  GridPage {
    items = List.copyOf(items);
  }
}
