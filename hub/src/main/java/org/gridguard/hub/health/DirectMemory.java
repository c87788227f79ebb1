package org.gridguard.hub.health;

import io.netty.util.internal.PlatformDependent;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;

/**
 * Direct (off-heap) memory of this JVM: the JDK's direct buffers (Netty's pooled arenas when it
 * allocates through the JDK, as on JDK 17 without extra flags) plus what Netty allocates itself
 * without a cleaner, against the limit Netty enforces ({@code -XX:MaxDirectMemorySize}, by
 * default the heap's maximum). Cheap to read; thread-safe.
 */
public final class DirectMemory {
  private static final BufferPoolMXBean JDK_DIRECT = ManagementFactory
      .getPlatformMXBeans(BufferPoolMXBean.class).stream()
      .filter(pool -> pool.getName().equals("direct")).findFirst().orElse(null);

  private DirectMemory() {}

  /** Bytes of direct memory in use now. */
  public static long used() {
    long jdk = JDK_DIRECT == null ? 0 : Math.max(0, JDK_DIRECT.getMemoryUsed());
    return jdk + Math.max(0, PlatformDependent.usedDirectMemory());
  }

  /** The most direct memory the JVM may use, bytes. */
  public static long max() {
    return PlatformDependent.maxDirectMemory();
  }

  /** {@link #used()} as a share of {@link #max()}, 0 when the maximum is unknown. */
  public static double usedRatio() {
    long max = max();
    return max <= 0 ? 0 : (double) used() / max;
  }
}
