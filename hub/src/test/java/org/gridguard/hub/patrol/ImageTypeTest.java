package org.gridguard.hub.patrol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ImageTypeTest {
  static byte[] bytes(int... b) {
    byte[] out = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      out[i] = (byte) b[i];
    }
    return out;
  }

  @Test
  void sniff_jpegPngHeic_recognisedByContent() {
    assertThat(ImageType.sniff(bytes(0xFF, 0xD8, 0xFF, 0xE0), 4)).contains(ImageType.JPEG);
    assertThat(ImageType.sniff(bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A), 8))
        .contains(ImageType.PNG);
    // ISO-BMFF: box size, "ftyp", major brand "heic"
    assertThat(ImageType.sniff(bytes(0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'h', 'e', 'i', 'c'), 12))
        .contains(ImageType.HEIC);
  }

  @Test
  void sniff_textNamedJpgOrOtherBoxes_refused() {
    byte[] text = "this is not a picture".getBytes(StandardCharsets.US_ASCII);
    assertThat(ImageType.sniff(text, text.length)).isEmpty();
    // an MP4 is ISO-BMFF too, but not a HEIF brand
    assertThat(ImageType.sniff(bytes(0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm'), 12))
        .isEmpty();
    assertThat(ImageType.sniff(bytes(0xFF, 0xD8), 2)).isEmpty();
    assertThat(ImageType.sniff(new byte[0], 0)).isEmpty();
  }
}
