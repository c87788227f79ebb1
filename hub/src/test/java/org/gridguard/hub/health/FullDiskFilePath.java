package org.gridguard.hub.health;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import org.h2.store.fs.FileBase;
import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;

/**
 * An H2 file system ({@code jdbc:h2:gg-fulldisk:/path/db}) over the real one whose writes fail
 * with {@code IOException("No space left on device")} while {@link #full} is set: the ENOSPC the
 * issue saw, without root and a loop device. H2's store meets it exactly where a real full disk
 * would hit it, in {@code FileChannel.write}.
 */
public final class FullDiskFilePath extends FilePathWrapper {
  static final String SCHEME = "gg-fulldisk";
  /** While true, every write and force fails as on a full disk. */
  public static volatile boolean full;

  static {
    FilePath.register(new FullDiskFilePath());
  }

  /** Makes sure the scheme is registered (class initialisation does it). */
  public static void install() {
    // the static initializer ran
  }

  @Override
  public String getScheme() {
    return SCHEME;
  }

  @Override
  public FileChannel open(String mode) throws IOException {
    return new Channel(getBase().open(mode));
  }

  private static final class Channel extends FileBase {
    private final FileChannel base;

    Channel(FileChannel base) {
      this.base = base;
    }

    private static void checkSpace() throws IOException {
      if (full) {
        throw new IOException("No space left on device");
      }
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
      return base.read(dst);
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
      return base.read(dst, position);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
      checkSpace();
      return base.write(src);
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
      checkSpace();
      return base.write(src, position);
    }

    @Override
    public long position() throws IOException {
      return base.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
      base.position(newPosition);
      return this;
    }

    @Override
    public long size() throws IOException {
      return base.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
      base.truncate(size);
      return this;
    }

    @Override
    public void force(boolean metaData) throws IOException {
      checkSpace();
      base.force(metaData);
    }

    @Override
    public synchronized FileLock tryLock(long position, long size, boolean shared)
        throws IOException {
      return base.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
      base.close();
    }
  }
}
