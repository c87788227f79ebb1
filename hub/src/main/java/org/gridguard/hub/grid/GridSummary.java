package org.gridguard.hub.grid;

import org.gridguard.hub.value.GridCode.Level;

/** A node in a list: everything but its polygon (which may be large). */
record GridSummary(String code, Level level, String name, String parent, boolean hasPolygon) {}
