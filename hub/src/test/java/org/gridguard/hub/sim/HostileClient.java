package org.gridguard.hub.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.gridguard.protocol.FrameFormat;
import org.gridguard.protocol.MessageType;
import org.gridguard.protocol.v1.Hello;
import org.gridguard.protocol.v1.Reject;
import org.gridguard.protocol.v1.RejectReason;

/**
 * An attacker for tests and the hostile benchmark: many raw TCP connections from one NIO
 * selector thread (no Netty, so none of the hub's pooled buffers), each from a chosen loopback
 * source address ({@link #source}: Linux routes all of 127.0.0.0/8 to lo, so every "attacker"
 * can have an address of its own). Behaviours:
 * <ul>
 *   <li>{@link #hold}: each connection sends a frame header declaring {@code declared} bytes and
 *       {@code send} bytes of it, then only reads: what a peer holding memory before Hello does.
 *   <li>{@link #wrongHellos}: each slot sends a complete Hello with a wrong credential, reads the
 *       answer, and reconnects, until {@link #close}.
 *   <li>{@link #fuzz}: each slot sends a mutated Hello frame (flipped bytes, wrong lengths, bad
 *       types, truncations) and reconnects.
 * </ul>
 * Every connection's end is recorded: the Reject it got (if any) and when. Thread-safe reads of
 * the counters; not reusable after {@link #close}.
 */
public final class HostileClient implements AutoCloseable {
  /** How one connection ended. {@code reason} null: closed without a (whole) Reject. */
  public record Outcome(int slot, RejectReason reason, String message, long millis) {}

  private enum Kind { HOLD, WRONG_HELLO, FUZZ }

  private final class Conn {
    final int slot;
    final Kind kind;
    final SocketChannel channel;
    final long start = System.nanoTime();
    ByteBuffer out;
    final ByteBuffer in = ByteBuffer.allocate(4096);

    Conn(int slot, Kind kind, SocketChannel channel, ByteBuffer out) {
      this.slot = slot;
      this.kind = kind;
      this.channel = channel;
      this.out = out;
    }
  }

  private final InetSocketAddress hub;
  private final Selector selector;
  private final Thread loop;
  private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
  private final Map<RejectReason, AtomicLong> byReason = new EnumMap<>(RejectReason.class);
  private final AtomicLong unanswered = new AtomicLong();
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicLong attempts = new AtomicLong();
  private final AtomicLong connectFailures = new AtomicLong();
  private final Random random = new Random(42);
  private volatile boolean running = true;
  private volatile long pauseNanos;

  public HostileClient(String host, int port) {
    this.hub = new InetSocketAddress(host, port);
    for (RejectReason r : RejectReason.values()) {
      if (r != RejectReason.UNRECOGNIZED) {
        byReason.put(r, new AtomicLong());
      }
    }
    try {
      this.selector = Selector.open();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    loop = new Thread(this::run, "hostile-client");
    loop.setDaemon(true);
    loop.start();
  }

  /** The loopback address of attacker {@code i} (0 ≤ i < 62,500): 127.1.x.y. */
  public static InetAddress source(int i) {
    try {
      return InetAddress.getByAddress(new byte[] {127, 1, (byte) (i / 250), (byte) (i % 250 + 1)});
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** Opens {@code connections} that each hold a partial frame (see the class comment). */
  public void hold(int connections, int declared, int send, IntFunction<InetAddress> sources) {
    ByteBuffer frame = ByteBuffer.allocate(FrameFormat.HEADER_SIZE + send);
    frame.putShort((short) FrameFormat.MAGIC).put((byte) FrameFormat.VERSION)
        .put((byte) MessageType.HELLO.code()).putInt(declared);
    send(connections, frame.position(frame.limit()).flip(), sources);
  }

  /**
   * {@code slots} connections that each hold a partial frame like {@link #hold}, and reconnect
   * (after {@code pause}) whenever the hub closes them, until {@link #close}.
   */
  public void holdRepeatedly(int slots, int declared, int send, IntFunction<InetAddress> sources,
      Duration pause) {
    this.pauseNanos = pause.toNanos();
    ByteBuffer frame = ByteBuffer.allocate(FrameFormat.HEADER_SIZE + send);
    frame.putShort((short) FrameFormat.MAGIC).put((byte) FrameFormat.VERSION)
        .put((byte) MessageType.HELLO.code()).putInt(declared);
    ByteBuffer bytes = frame.position(frame.limit()).flip();
    for (int i = 0; i < slots; i++) {
      int slot = i;
      InetAddress from = sources.apply(slot);
      tasks.add(() -> loopSlot(slot, Kind.HOLD, from, bytes::duplicate));
    }
    selector.wakeup();
  }

  /** Opens {@code connections} that each send {@code bytes} and then only read. */
  public void send(int connections, ByteBuffer bytes, IntFunction<InetAddress> sources) {
    for (int i = 0; i < connections; i++) {
      int slot = i;
      tasks.add(() -> connect(slot, Kind.HOLD, sources.apply(slot), bytes));
    }
    selector.wakeup();
  }

  /**
   * {@code slots} connections, each sending Hellos with wrong credentials for
   * {@code gatewayIds.get(slot % size)} and reconnecting after each answer (and a pause).
   */
  public void wrongHellos(int slots, List<String> gatewayIds, IntFunction<InetAddress> sources,
      Duration pause) {
    this.pauseNanos = pause.toNanos();
    for (int i = 0; i < slots; i++) {
      int slot = i;
      String id = gatewayIds.get(i % gatewayIds.size());
      InetAddress from = sources.apply(slot);
      tasks.add(() -> loopSlot(slot, Kind.WRONG_HELLO, from, () -> helloFrame(id, "wrong-" + slot)));
    }
    selector.wakeup();
  }

  /** {@code slots} connections sending mutated Hello frames, reconnecting after each end. */
  public void fuzz(int slots, IntFunction<InetAddress> sources, Duration pause) {
    this.pauseNanos = pause.toNanos();
    for (int i = 0; i < slots; i++) {
      int slot = i;
      InetAddress from = sources.apply(slot);
      tasks.add(() -> loopSlot(slot, Kind.FUZZ, from, this::mutatedFrame));
    }
    selector.wakeup();
  }

  /** Connections open now. */
  public int open() {
    return open.get();
  }

  /** Connections made so far. */
  public long attempts() {
    return attempts.get();
  }

  /** Connections that ended with a Reject of {@code reason}. */
  public long rejected(RejectReason reason) {
    return byReason.get(reason).get();
  }

  /** Connections that ended without a whole Reject (or could not connect). */
  public long unanswered() {
    return unanswered.get() + connectFailures.get();
  }

  /** Every connection's end so far (bounded: the oldest are dropped past 100,000). */
  public List<Outcome> outcomes() {
    return new ArrayList<>(outcomes);
  }

  /** Waits until {@code n} connections have ended; false if the deadline passed first. */
  public boolean awaitEnded(int n, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (outcomes.size() < n) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(10); // poll interval of a wait with a deadline; the caller asserts
    }
    return true;
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    selector.wakeup();
    loop.join(TimeUnit.SECONDS.toMillis(10));
  }

  // --- the selector thread ---

  private interface FrameSource {
    ByteBuffer next();
  }

  private record Pending(long due, Runnable start) {}

  private final java.util.PriorityQueue<Pending> pending =
      new java.util.PriorityQueue<>(java.util.Comparator.comparingLong(Pending::due));
  /** Looping connections: what to do when each ends. Selector thread only. */
  private final Map<Conn, Runnable> loops = new java.util.HashMap<>();

  private void loopSlot(int slot, Kind kind, InetAddress from, FrameSource frames) {
    Runnable again = () -> {
      if (running) {
        pending.add(new Pending(System.nanoTime() + pauseNanos,
            () -> loopSlot(slot, kind, from, frames)));
      }
    };
    Conn c = connect(slot, kind, from, frames.next());
    if (c == null) {
      again.run();
    } else {
      loops.put(c, again);
    }
  }

  private Conn connect(int slot, Kind kind, InetAddress from, ByteBuffer frame) {
    try {
      SocketChannel ch = SocketChannel.open();
      ch.configureBlocking(false);
      if (from != null) {
        ch.bind(new InetSocketAddress(from, 0));
      }
      ch.connect(hub);
      Conn c = new Conn(slot, kind, ch, frame.duplicate());
      ch.register(selector, SelectionKey.OP_CONNECT, c);
      attempts.incrementAndGet();
      open.incrementAndGet();
      return c;
    } catch (IOException e) {
      connectFailures.incrementAndGet();
      return null;
    }
  }

  private void run() {
    try {
      while (running) {
        Runnable task;
        while ((task = tasks.poll()) != null) {
          task.run();
        }
        startDueLoops();
        selector.select(10);
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
          SelectionKey key = keys.next();
          keys.remove();
          handle(key);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      for (SelectionKey key : selector.keys()) {
        closeQuietly((Conn) key.attachment());
      }
      try {
        selector.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
  }

  private void startDueLoops() {
    long now = System.nanoTime();
    while (!pending.isEmpty() && pending.peek().due() <= now) {
      pending.poll().start().run();
    }
  }

  private void handle(SelectionKey key) {
    Conn c = (Conn) key.attachment();
    try {
      if (key.isConnectable()) {
        c.channel.finishConnect();
        key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
      }
      if (key.isValid() && key.isWritable()) {
        c.channel.write(c.out);
        if (!c.out.hasRemaining()) {
          key.interestOps(SelectionKey.OP_READ);
          if (c.kind == Kind.FUZZ && c.out.limit() < c.out.capacity()) {
            c.channel.shutdownOutput(); // a cut frame: end it, the hub sees the truncation
          }
        }
      }
      if (key.isValid() && key.isReadable()) {
        if (!c.in.hasRemaining()) {
          c.in.clear(); // more than a Reject: not interesting, keep draining
        }
        if (c.channel.read(c.in) < 0) {
          end(c);
        }
      }
    } catch (IOException e) {
      end(c);
    }
  }

  private void end(Conn c) {
    closeQuietly(c);
    Reject reject = parseReject(c.in);
    if (reject == null) {
      unanswered.incrementAndGet();
    } else {
      byReason.get(reject.getReason()).incrementAndGet();
    }
    if (outcomes.size() >= 100_000) {
      outcomes.poll(); // a long flood: keep memory bounded, counters stay exact
    }
    outcomes.add(new Outcome(c.slot, reject == null ? null : reject.getReason(),
        reject == null ? null : reject.getMessage(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - c.start)));
    Runnable next = loops.remove(c);
    if (next != null) {
      next.run();
    }
  }

  private void closeQuietly(Conn c) {
    if (c.channel.isOpen()) {
      open.decrementAndGet();
      try {
        c.channel.close();
      } catch (IOException ignored) {
        // already gone
      }
    }
  }

  private static Reject parseReject(ByteBuffer in) {
    ByteBuffer b = in.duplicate().flip();
    if (b.remaining() < FrameFormat.HEADER_SIZE || b.getShort(0) != FrameFormat.MAGIC
        || (b.get(3) & 0xff) != MessageType.REJECT.code()) {
      return null;
    }
    int length = b.getInt(4);
    if (length < 0 || b.remaining() < FrameFormat.HEADER_SIZE + length) {
      return null;
    }
    try {
      return Reject.parseFrom(b.position(FrameFormat.HEADER_SIZE).limit(FrameFormat.HEADER_SIZE
          + length).slice());
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      return null;
    }
  }

  /** A HELLO frame for {@code gatewayId} with {@code credential}. */
  public static ByteBuffer helloFrame(String gatewayId, String credential) {
    byte[] payload = Hello.newBuilder().setGatewayId(gatewayId).setCredential(credential)
        .setProtocolVersion(100).setSoftwareVersion("hostile").setBootId("boot")
        .setStreamId("stream").build().toByteArray();
    ByteBuffer frame = ByteBuffer.allocate(FrameFormat.HEADER_SIZE + payload.length);
    frame.putShort((short) FrameFormat.MAGIC).put((byte) FrameFormat.VERSION)
        .put((byte) MessageType.HELLO.code()).putInt(payload.length).put(payload).flip();
    return frame;
  }

  /** A valid Hello frame with a few random mutations (the selector thread's Random). */
  private ByteBuffer mutatedFrame() {
    ByteBuffer frame = helloFrame("gw-fuzz-" + random.nextInt(100), "x");
    byte[] bytes = new byte[frame.remaining()];
    frame.get(bytes);
    int mutation = random.nextInt(5);
    if (mutation == 3) { // cut short (limit below capacity marks it: the write side is shut)
      return ByteBuffer.wrap(bytes, 0, random.nextInt(bytes.length));
    }
    switch (mutation) {
      case 0 -> bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
      case 1 -> bytes[3] = (byte) random.nextInt(256); // type
      case 2 -> ByteBuffer.wrap(bytes).putInt(4, random.nextInt()); // length
      default -> {
        for (int i = FrameFormat.HEADER_SIZE; i < bytes.length; i++) {
          if (random.nextInt(8) == 0) {
            bytes[i] = (byte) random.nextInt(256);
          }
        }
      }
    }
    return ByteBuffer.wrap(bytes);
  }
}
