package org.gridguard.hub.web;

import org.springframework.util.unit.DataSize;

/**
 * The limits {@link RequestBodyLimitFilter} applies where no {@link BodyLimit} bean matches:
 * imports ({@code gridguard.security.max-import-body}) and every other body
 * ({@code gridguard.security.max-request-body}). Security's configuration supplies them, so
 * that web, which security builds on, does not depend on it.
 */
public interface RequestBodyLimits {
  /** Largest request body, except imports. */
  DataSize maxRequestBody();

  /** Largest body of an import ({@code /api/v1/&#42;&#42;/import}). */
  DataSize maxImportBody();
}
