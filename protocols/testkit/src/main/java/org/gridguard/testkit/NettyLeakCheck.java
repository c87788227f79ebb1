package org.gridguard.testkit;

import io.netty.buffer.AbstractByteBuf;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.lang.reflect.Field;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class when Netty reports a leaked {@link ByteBuf}. Requires the JVM to run with
 * {@code -Dio.netty.leakDetection.level=PARANOID} (set for every module by the root pom), so that
 * every buffer is tracked rather than a sample.
 *
 * <p>Netty only reports leaks it notices while tracking new buffers after the garbage
 * collector has cleared the leaked ones; {@link #afterAll} therefore collects garbage and
 * allocates a few buffers before it looks.
 *
 * <pre>{@code @ExtendWith(NettyLeakCheck.class) class FooTest { ... } }</pre>
 */
public final class NettyLeakCheck implements BeforeAllCallback, AfterAllCallback {
  private static final List<String> LEAKS = new CopyOnWriteArrayList<>();
  private static volatile boolean installed;

  @Override
  public void beforeAll(ExtensionContext context) {
    install();
    if (ResourceLeakDetector.getLevel() != ResourceLeakDetector.Level.PARANOID) {
      throw new IllegalStateException("Netty leak detection must be PARANOID in tests, is "
          + ResourceLeakDetector.getLevel() + ": run through Maven (the root pom sets "
          + "-Dio.netty.leakDetection.level=PARANOID) or add that JVM flag");
    }
    LEAKS.clear();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    List<String> leaks = collect();
    if (!leaks.isEmpty()) {
      throw new AssertionError(leaks.size() + " ByteBuf leak(s) reported by Netty:\n"
          + String.join("\n----\n", leaks));
    }
  }

  /** Runs the garbage collector and returns the leaks Netty has reported so far. */
  public static List<String> collect() {
    for (int i = 0; i < 3; i++) {
      System.gc();
      try {
        Thread.sleep(50); // gives the collector and Netty's leak detector time: nothing to poll
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      for (int j = 0; j < 64; j++) {
        UnpooledByteBufAllocator.DEFAULT.heapBuffer(1).release();
        PooledByteBufAllocator.DEFAULT.heapBuffer(1).release();
      }
    }
    return List.copyOf(LEAKS);
  }

  /** Forgets the leaks reported so far (for tests of this class that leak on purpose). */
  static void clear() {
    LEAKS.clear();
  }

  static synchronized void install() {
    if (installed) {
      return;
    }
    try {
      Field field = AbstractByteBuf.class.getDeclaredField("leakDetector");
      field.setAccessible(true);
      ResourceLeakDetector<?> detector = (ResourceLeakDetector<?>) field.get(null);
      detector.setLeakListener((resourceType, records) ->
          LEAKS.add("LEAK: " + resourceType + records));
      installed = true;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot hook Netty's ByteBuf leak detector", e);
    }
  }
}
