package org.gridguard.hub.device;

/**
 * What a long CSV import has done so far, for a progress bar: rows checked while the file is
 * read, then rows stored. Called on the importing thread; implementations must be cheap.
 */
public interface ImportProgress {
  ImportProgress NONE = new ImportProgress() {};

  /** {@code rows} data rows have been read and checked. */
  default void checked(int rows) {}

  /** {@code done} of {@code of} planned rows have been stored. */
  default void stored(int done, int of) {}
}
