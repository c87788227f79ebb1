package org.gridguard.edge.mapping;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounded, rotating file of messages that could not be mapped: one JSON object per line with
 * time, topic, reason, payload size and the payload cut to a limit (invalid UTF-8 replaced).
 * Callers never wait for disk: {@link #add} enqueues into a bounded queue drained by one
 * writer thread; when the queue is full the entry is dropped and counted. When the file
 * reaches its size it is rotated to {@code .1} … {@code .(maxFiles-1)}, the oldest deleted.
 */
public final class DeadLetterFile implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterFile.class);
  private static final JsonFactory JSON = new JsonFactory();
  private static final Entry STOP = new Entry(0, "", "", new byte[0]);

  private final DeadLetterConfig config;
  private final BlockingQueue<Entry> queue;
  private final Thread writer;
  private final LongAdder written = new LongAdder();
  private final LongAdder dropped = new LongAdder();
  private final LongAdder writeErrors = new LongAdder();
  private OutputStream out;
  private long size;

  private record Entry(long timeMs, String topic, String reason, byte[] payload) {}

  public DeadLetterFile(DeadLetterConfig config) {
    this.config = config;
    this.queue = new ArrayBlockingQueue<>(config.queueCapacity());
    this.writer = new Thread(this::run, "mqtt-dead-letter");
    this.writer.setDaemon(true);
    this.writer.start();
  }

  /** Records one rejected message; never blocks. @return false when dropped (queue full) */
  public boolean add(long timeMs, String topic, String reason, byte[] payload) {
    pending.incrementAndGet();
    if (!queue.offer(new Entry(timeMs, topic, reason, payload))) {
      pending.decrementAndGet();
      dropped.increment();
      return false;
    }
    return true;
  }

  public long written() {
    return written.sum();
  }

  /** Entries lost because the queue was full (dead-letter writing slower than arrivals). */
  public long dropped() {
    return dropped.sum();
  }

  public long writeErrors() {
    return writeErrors.sum();
  }

  public int queued() {
    return queue.size();
  }

  /** Waits until everything queued so far is written (tests, shutdown). */
  public boolean drain(long timeoutMs) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    while (pending.get() > 0) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(5);
    }
    return true;
  }

  private final java.util.concurrent.atomic.AtomicInteger pending =
      new java.util.concurrent.atomic.AtomicInteger();

  private void run() {
    try {
      while (true) {
        Entry e = queue.take();
        if (e == STOP) {
          break;
        }
        try {
          write(e);
          written.increment();
        } catch (IOException ex) {
          writeErrors.increment();
          LOG.warn("cannot write dead-letter file {}: {}", config.path(), ex.toString());
          closeQuietly();
        } finally {
          pending.decrementAndGet();
        }
      }
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
    } finally {
      closeQuietly();
    }
  }

  private void write(Entry e) throws IOException {
    byte[] line = line(e);
    if (out == null) {
      Files.createDirectories(config.path().toAbsolutePath().getParent());
      out = Files.newOutputStream(config.path(), StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      size = Files.size(config.path());
    }
    if (size > 0 && size + line.length > config.maxFileBytes()) {
      rotate();
    }
    out.write(line);
    out.flush();
    size += line.length;
  }

  private void rotate() throws IOException {
    closeQuietly();
    Path base = config.path();
    int keep = config.maxFiles();
    Files.deleteIfExists(sibling(base, keep - 1));
    for (int i = keep - 2; i >= 1; i--) {
      Path from = sibling(base, i);
      if (Files.exists(from)) {
        Files.move(from, sibling(base, i + 1), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    if (keep > 1) {
      Files.move(base, sibling(base, 1), StandardCopyOption.REPLACE_EXISTING);
    } else {
      Files.deleteIfExists(base);
    }
    out = Files.newOutputStream(base, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    size = 0;
  }

  private static Path sibling(Path base, int index) {
    return base.resolveSibling(base.getFileName() + "." + index);
  }

  private byte[] line(Entry e) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream(256 + config.maxPayloadChars());
    try (JsonGenerator g = JSON.createGenerator(buf)) {
      g.writeStartObject();
      g.writeStringField("time", Instant.ofEpochMilli(e.timeMs()).toString());
      g.writeStringField("topic", e.topic());
      g.writeStringField("reason", e.reason());
      g.writeNumberField("payload_bytes", e.payload().length);
      Decoded d = decode(e.payload(), config.maxPayloadChars());
      g.writeBooleanField("truncated", d.truncated());
      g.writeStringField("payload", d.text());
      g.writeEndObject();
    }
    buf.write('\n');
    return buf.toByteArray();
  }

  private record Decoded(String text, boolean truncated) {}

  private static Decoded decode(byte[] payload, int maxChars) {
    int n = Math.min(payload.length, maxChars * 4);
    boolean truncated = n < payload.length;
    try {
      String s = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE)
          .decode(ByteBuffer.wrap(payload, 0, n)).toString();
      if (s.codePointCount(0, s.length()) > maxChars) {
        s = s.substring(0, s.offsetByCodePoints(0, maxChars));
        truncated = true;
      }
      return new Decoded(s, truncated);
    } catch (java.nio.charset.CharacterCodingException ex) {
      return new Decoded("", payload.length > 0);
    }
  }

  private void closeQuietly() {
    if (out != null) {
      try {
        out.close();
      } catch (IOException ignored) {
        // nothing more to do for a file we are giving up on
      }
      out = null;
    }
  }

  @Override
  public void close() throws InterruptedException {
    while (!queue.offer(STOP)) {
      queue.poll();
      dropped.increment();
    }
    writer.join(5000);
  }
}
