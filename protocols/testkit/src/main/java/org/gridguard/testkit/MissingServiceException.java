package org.gridguard.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A service binary the tests need is not installed. Thrown instead of skipping the test: a
 * machine that cannot run the integration tests must say so loudly, with the Debian package
 * that fixes it.
 */
public final class MissingServiceException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final String debianPackage;

  /**
   * @param what the missing thing and where it was looked for, e.g. "influxd not found at
   *     /usr/bin/influxd"
   * @param debianPackage the Debian package that provides it
   */
  public MissingServiceException(String what, String debianPackage) {
    super(what + ": install the Debian package '" + debianPackage + "' (apt-get install -y "
        + debianPackage + "), or run deploy/test.sh which does it");
    this.debianPackage = debianPackage;
  }

  /** The Debian package that provides the missing binary. */
  public String debianPackage() {
    return debianPackage;
  }

  /**
   * Returns {@code binary} if it is an executable file.
   *
   * @throws MissingServiceException naming {@code debianPackage} otherwise
   */
  public static Path requireExecutable(Path binary, String debianPackage) {
    if (!Files.isRegularFile(binary) || !Files.isExecutable(binary)) {
      throw new MissingServiceException(
          binary.getFileName() + " not found at " + binary, debianPackage);
    }
    return binary;
  }
}
