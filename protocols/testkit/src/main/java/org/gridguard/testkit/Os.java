package org.gridguard.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Facts about the OS user the tests run as. */
final class Os {
  private Os() {}

  /** Whether this JVM runs as root (uid 0), as it does in CI and under deploy/test.sh. */
  static boolean isRoot() {
    try {
      return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    } catch (IOException | UnsupportedOperationException e) {
      return "root".equals(System.getProperty("user.name"));
    }
  }
}
