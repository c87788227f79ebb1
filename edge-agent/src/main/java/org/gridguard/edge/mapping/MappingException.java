package org.gridguard.edge.mapping;

/**
 * A payload that cannot be mapped; the message says where and what
 * ({@code $.data.temp: expected a number, found "hot"}). Thrown and caught inside the mapper
 * only: callers get a {@link MappingResult.Rejected}.
 */
final class MappingException extends Exception {
  private static final long serialVersionUID = 1L;

  MappingException(String where, String what) {
    super(what == null ? where : where + ": " + what, null, false, false);
  }
}
