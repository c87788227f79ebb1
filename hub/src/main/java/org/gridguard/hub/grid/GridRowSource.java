package org.gridguard.hub.grid;

import java.io.IOException;

/** Rows of one input file, read one at a time. */
interface GridRowSource {
  GridFormat format();

  /**
   * The next row, or null at the end.
   *
   * @throws UnreadableInputException when the input cannot be read on (broken structure, not
   *     UTF-8, too large)
   * @throws IOException when reading the underlying stream fails
   */
  GridRow next() throws IOException;
}
