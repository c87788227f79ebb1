package org.gridguard.testkit;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The last lines of a service log, for failure messages. */
final class LogTail {
  static final int LINES = 40;
  private static final int MAX_BYTES = 64 * 1024;

  private LogTail() {}

  /** "last N lines of FILE:" and the lines, or a note that the file is missing or empty. */
  static String of(Path file) {
    if (!Files.isRegularFile(file)) {
      return "(no log: " + file + " does not exist)";
    }
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long length = in.length();
      int size = (int) Math.min(length, MAX_BYTES);
      byte[] bytes = new byte[size];
      in.seek(length - size);
      in.readFully(bytes);
      String text = lastLines(new String(bytes, StandardCharsets.UTF_8));
      return text.isBlank()
          ? "(log " + file + " is empty)"
          : "last lines of " + file + ":\n" + text;
    } catch (IOException e) {
      return "(cannot read log " + file + ": " + e + ")";
    }
  }

  /** The last {@link #LINES} lines of {@code text}; progress lines ending in CR are split too. */
  static String lastLines(String text) {
    List<String> lines = Arrays.asList(text.split("\r\n|\r|\n"));
    return String.join("\n", lines.subList(Math.max(0, lines.size() - LINES), lines.size()));
  }
}
