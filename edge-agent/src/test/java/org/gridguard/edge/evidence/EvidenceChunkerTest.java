package org.gridguard.edge.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32C;
import org.gridguard.protocol.v1.EvidenceChunk;
import org.junit.jupiter.api.Test;

class EvidenceChunkerTest {
  @Test
  void chunk_itemLargerThanChunk_splitsIntoIndexedChunksThatReassemble() throws Exception {
    byte[] item = new byte[600 * 1024 + 17];
    new Random(7).nextBytes(item);

    List<EvidenceChunk> chunks = new EvidenceChunker(EvidenceChunker.MAX_CHUNK)
        .chunk("ev-1", "image/jpeg", item, "cam-1", "boot-1", 1234L);

    assertThat(chunks).hasSize(3);
    byte[] sha = MessageDigest.getInstance("SHA-256").digest(item);
    ByteArrayOutputStream joined = new ByteArrayOutputStream();
    for (int i = 0; i < chunks.size(); i++) {
      EvidenceChunk c = chunks.get(i);
      assertThat(c.getIndex()).isEqualTo(i);
      assertThat(c.getCount()).isEqualTo(3);
      assertThat(c.getOffset()).isEqualTo((long) i * EvidenceChunker.MAX_CHUNK);
      assertThat(c.getTotalSize()).isEqualTo(item.length);
      assertThat(c.getData().size()).isLessThanOrEqualTo(256 * 1024);
      assertThat(c.getSha256().toByteArray()).isEqualTo(sha);
      CRC32C crc = new CRC32C();
      crc.update(c.getData().toByteArray());
      assertThat(c.getCrc32C()).isEqualTo((int) crc.getValue());
      assertThat(c.getEvidenceId()).isEqualTo("ev-1");
      assertThat(c.getDeviceId()).isEqualTo("cam-1");
      assertThat(c.getSequence()).as("the spool assigns sequences").isZero();
      c.getData().writeTo(joined);
    }
    assertThat(joined.toByteArray()).isEqualTo(item);
  }

  @Test
  void chunk_smallItem_oneChunk() {
    List<EvidenceChunk> chunks = new EvidenceChunker(1024)
        .chunk("ev-2", "image/jpeg", new byte[] {1, 2, 3}, "cam-1", "boot-1", 1L);
    assertThat(chunks).singleElement().satisfies(c -> {
      assertThat(c.getCount()).isEqualTo(1);
      assertThat(c.getData().size()).isEqualTo(3);
    });
  }

  @Test
  void chunk_emptyItem_isRefusedWithItsId() {
    assertThatThrownBy(() -> new EvidenceChunker(1024)
        .chunk("ev-3", "image/jpeg", new byte[0], "cam-1", "boot-1", 1L))
        .hasMessageContaining("ev-3");
  }

  @Test
  void constructor_chunkAbove256KiB_isRefused() {
    assertThatThrownBy(() -> new EvidenceChunker(256 * 1024 + 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
