package org.gridguard.edge.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One segment file of a lane, named by its first sequence ({@code 00000000000000000001.seg}).
 * The writer thread appends to the lane's active segment; readers see only the durable prefix
 * ({@link #durableSize()}, published after each fsync).
 */
final class Segment {
  static final String SUFFIX = ".seg";

  private final Path path;
  private final long firstSequence;
  /** Bytes written (writer thread only). */
  private long size;
  /** Last sequence written, firstSequence - 1 when empty (writer thread only). */
  private long lastSequence;
  private volatile long durableSize;
  private volatile long durableLastSequence;
  private FileChannel writeChannel;
  private FileChannel readChannel;

  private Segment(Path path, long firstSequence, long size, long lastSequence) {
    this.path = path;
    this.firstSequence = firstSequence;
    this.size = size;
    this.lastSequence = lastSequence;
    this.durableSize = size;
    this.durableLastSequence = lastSequence;
  }

  static Path pathFor(Path dir, long firstSequence) {
    return dir.resolve(String.format("%020d%s", firstSequence, SUFFIX));
  }

  /** Creates a new empty segment file. */
  static Segment create(Path dir, long firstSequence) throws IOException {
    Path path = pathFor(dir, firstSequence);
    Segment s = new Segment(path, firstSequence, 0, firstSequence - 1);
    s.writeChannel = FileChannel.open(path, StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE);
    return s;
  }

  /** An existing, already recovered segment. */
  static Segment existing(Path path, long firstSequence, long size, long lastSequence) {
    return new Segment(path, firstSequence, size, lastSequence);
  }

  /** Reopens for appending (the last segment after recovery). */
  void openForAppend() throws IOException {
    writeChannel = FileChannel.open(path, StandardOpenOption.WRITE);
    writeChannel.position(size);
  }

  Path path() {
    return path;
  }

  long firstSequence() {
    return firstSequence;
  }

  long size() {
    return size;
  }

  long lastSequence() {
    return lastSequence;
  }

  long durableSize() {
    return durableSize;
  }

  long durableLastSequence() {
    return durableLastSequence;
  }

  boolean isEmpty() {
    return lastSequence < firstSequence;
  }

  /** Writes bytes framed by {@link SegmentFormat} ending with {@code lastSequence}. */
  void write(ByteBuffer frames, long newLastSequence) throws IOException {
    int n = frames.remaining();
    while (frames.hasRemaining()) {
      writeChannel.write(frames);
    }
    size += n;
    lastSequence = newLastSequence;
  }

  /** fsyncs the written bytes and publishes them to readers. */
  void force() throws IOException {
    if (writeChannel != null && durableSize != size) {
      writeChannel.force(false);
    }
    publish();
  }

  /** Publishes what is written as readable without forcing (after a force covering it). */
  void publish() {
    durableSize = size;
    durableLastSequence = lastSequence;
  }

  boolean dirty() {
    return durableSize != size;
  }

  /** Stops appending; the file stays readable. */
  void seal() throws IOException {
    force();
    if (writeChannel != null) {
      writeChannel.close();
      writeChannel = null;
    }
  }

  /** Channel for reads; call under the lane lock. */
  FileChannel reader() throws IOException {
    if (readChannel == null) {
      readChannel = FileChannel.open(path, StandardOpenOption.READ);
    }
    return readChannel;
  }

  void close() throws IOException {
    if (writeChannel != null) {
      writeChannel.close();
      writeChannel = null;
    }
    if (readChannel != null) {
      readChannel.close();
      readChannel = null;
    }
  }

  void delete() throws IOException {
    close();
    Files.deleteIfExists(path);
  }
}
