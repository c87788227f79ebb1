package org.gridguard.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.PooledByteBufAllocator;
import java.util.List;
import org.junit.jupiter.api.Test;

class NettyLeakCheckTest {
  @Test
  void collect_bufferDroppedWithoutRelease_reportsLeak() {
    NettyLeakCheck.install();
    NettyLeakCheck.clear();
    leakOne();
    List<String> leaks = List.of();
    for (int i = 0; i < 20 && leaks.isEmpty(); i++) {
      leaks = NettyLeakCheck.collect();
    }
    NettyLeakCheck.clear();
    assertThat(leaks).isNotEmpty();
    assertThat(leaks.get(0)).contains("LEAK");
  }

  private static void leakOne() {
    PooledByteBufAllocator.DEFAULT.directBuffer(16).writeInt(42);
  }
}
