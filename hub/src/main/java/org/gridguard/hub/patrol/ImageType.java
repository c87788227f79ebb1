package org.gridguard.hub.patrol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * The photo types a task takes, recognised by their first bytes — never by file name or the
 * Content-Type the client claims: JPEG ({@code FF D8 FF}), PNG (the 8-byte signature), HEIC
 * (an ISO-BMFF {@code ftyp} box with a HEIF brand).
 */
enum ImageType {
  JPEG("image/jpeg", "jpg"), PNG("image/png", "png"), HEIC("image/heic", "heic");

  /** Bytes needed to decide. */
  static final int SNIFF = 12;
  private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
  private static final Set<String> HEIF_BRANDS = Set.of("heic", "heix", "hevc", "hevx", "heim",
      "heis", "hevm", "hevs", "mif1", "msf1");

  private final String contentType;
  private final String extension;

  ImageType(String contentType, String extension) {
    this.contentType = contentType;
    this.extension = extension;
  }

  String contentType() {
    return contentType;
  }

  String extension() {
    return extension;
  }

  /** The type of a file starting with {@code head} (its first {@link #SNIFF} bytes or fewer). */
  static Optional<ImageType> sniff(byte[] head, int length) {
    if (length >= 3 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xD8
        && (head[2] & 0xFF) == 0xFF) {
      return Optional.of(JPEG);
    }
    if (length >= 8 && Arrays.equals(head, 0, 8, PNG_MAGIC, 0, 8)) {
      return Optional.of(PNG);
    }
    if (length >= 12 && head[4] == 'f' && head[5] == 't' && head[6] == 'y' && head[7] == 'p'
        && HEIF_BRANDS.contains(new String(head, 8, 4, StandardCharsets.US_ASCII))) {
      return Optional.of(HEIC);
    }
    return Optional.empty();
  }
}
