package org.gridguard.hub.evidence;

import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.server.ResponseStatusException;

/**
 * How a stored evidence file (a gateway's snapshot or clip, a patrol member's photo) is answered:
 * its stored content type, {@code no-store}, {@code nosniff}, and byte ranges through Spring MVC's
 * resource region support — a {@code Range: bytes=...} request gets 206 with
 * {@code Content-Range}, an unsatisfiable one 416, and {@code Accept-Ranges: bytes} says so.
 */
public final class EvidenceResponses {
  private EvidenceResponses() {}

  /**
   * The response for {@code file}; {@code beforeServing} (the caller's audit line) runs only once
   * the file is known to be there.
   *
   * @param contentType the type stored with the file; unparsable → application/octet-stream
   * @throws ResponseStatusException 410 when the file is gone (purged or lost; its record stays)
   */
  public static ResponseEntity<FileSystemResource> file(Path file, String contentType,
      Runnable beforeServing) {
    if (!Files.isRegularFile(file)) {
      throw new ResponseStatusException(HttpStatus.GONE,
          "the file is gone (purged by retention or lost); its record remains");
    }
    beforeServing.run();
    MediaType media;
    try {
      media = MediaType.parseMediaType(contentType);
    } catch (IllegalArgumentException e) {
      media = MediaType.APPLICATION_OCTET_STREAM;
    }
    return ResponseEntity.ok().contentType(media)
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .header(HttpHeaders.ACCEPT_RANGES, "bytes")
        .header("X-Content-Type-Options", "nosniff")
        .body(new FileSystemResource(file));
  }
}
