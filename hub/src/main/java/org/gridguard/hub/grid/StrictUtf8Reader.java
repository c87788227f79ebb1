package org.gridguard.hub.grid;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes UTF-8 and fails on the first byte that is not, but only after handing out every
 * character before it — unlike {@link java.io.InputStreamReader}, which drops the characters it
 * decoded in the same call — so the CSV reader can tell the line the bad byte is on.
 */
final class StrictUtf8Reader extends Reader {
  private final InputStream in;
  private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
  private final ByteBuffer bytes = ByteBuffer.allocate(8192).flip();
  private CoderResult error;
  private boolean eof;
  private boolean done;

  StrictUtf8Reader(InputStream in) {
    this.in = in;
  }

  @Override
  public int read(char[] buffer, int offset, int length) throws IOException {
    if (done) {
      return -1;
    }
    if (length == 0) {
      return 0;
    }
    if (error != null) {
      throwError();
    }
    CharBuffer out = CharBuffer.wrap(buffer, offset, length);
    while (true) {
      CoderResult result = decoder.decode(bytes, out, eof);
      if (result.isError()) {
        error = result;
        if (out.position() > offset) {
          return out.position() - offset;
        }
        throwError();
      }
      if (result.isOverflow() || out.position() > offset) {
        return out.position() - offset;
      }
      if (eof) {
        if (out.position() > offset) {
          return out.position() - offset;
        }
        done = true;
        return -1;
      }
      bytes.compact();
      int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
      if (n < 0) {
        eof = true;
      } else {
        bytes.position(bytes.position() + n);
      }
      bytes.flip();
    }
  }

  private void throwError() throws CharacterCodingException {
    error.throwException();
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
