package org.gridguard.hub.sim;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicLong;
import org.gridguard.protocol.FrameCodec;
import org.gridguard.protocol.FrameFormat;
import org.gridguard.protocol.v1.Reject;
import org.gridguard.protocol.v1.RejectReason;

/**
 * The cheapest server an attack can hit, for the hostile benchmark's decoy baseline: one NIO
 * selector thread that accepts, answers the first bytes of every connection with one canned
 * {@code Reject(PROTOCOL_ERROR)} frame and closes. A run with the attacker aimed at this decoy
 * costs the machine what generating the attack and the kernel's loopback TCP cost, without the
 * hub's own handling — so hostile ÷ decoy is what the attack costs the hub beyond that.
 */
public final class DecoyServer implements AutoCloseable {
  private final ServerSocketChannel server;
  private final Selector selector;
  private final Thread loop;
  private final ByteBuffer reject;
  private final ByteBuffer sink = ByteBuffer.allocateDirect(64 * 1024);
  private final AtomicLong accepted = new AtomicLong();
  private volatile boolean running = true;

  public DecoyServer() {
    try {
      selector = Selector.open();
      server = ServerSocketChannel.open();
      server.bind(new InetSocketAddress("127.0.0.1", 0), 4096);
      server.configureBlocking(false);
      server.register(selector, SelectionKey.OP_ACCEPT);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Reject message = Reject.newBuilder().setReason(RejectReason.PROTOCOL_ERROR)
        .setMessage("decoy").build();
    ByteBuf buf = Unpooled.buffer(FrameCodec.frameSize(message));
    FrameCodec.write(message, buf, FrameFormat.DEFAULT_MAX_FRAME_SIZE);
    byte[] bytes = new byte[buf.readableBytes()];
    buf.readBytes(bytes);
    reject = ByteBuffer.wrap(bytes);
    loop = new Thread(this::run, "decoy-server");
    loop.setDaemon(true);
    loop.start();
  }

  public int port() {
    return server.socket().getLocalPort();
  }

  /** Connections accepted so far. */
  public long accepted() {
    return accepted.get();
  }

  private void run() {
    while (running) {
      try {
        selector.select(200);
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
          SelectionKey key = keys.next();
          keys.remove();
          if (!key.isValid()) {
            continue;
          }
          if (key.isAcceptable()) {
            SocketChannel c;
            while ((c = server.accept()) != null) {
              accepted.incrementAndGet();
              c.configureBlocking(false);
              c.register(selector, SelectionKey.OP_READ);
            }
          } else if (key.isReadable()) {
            SocketChannel c = (SocketChannel) key.channel();
            try {
              sink.clear();
              if (c.read(sink) > 0) {
                c.write(reject.duplicate()); // small: fits the send buffer at once
              }
            } catch (IOException e) {
              // the attacker went away first: fine
            }
            key.cancel();
            closeQuietly(c);
          }
        }
      } catch (IOException e) {
        if (running) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }

  private static void closeQuietly(SocketChannel c) {
    try {
      c.close();
    } catch (IOException e) {
      // nothing to do
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    selector.wakeup();
    loop.join(5000);
    try {
      for (SelectionKey k : selector.keys()) {
        k.channel().close();
      }
      selector.close();
      server.close();
    } catch (IOException e) {
      // closing anyway
    }
  }
}
