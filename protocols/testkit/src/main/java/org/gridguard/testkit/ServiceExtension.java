package org.gridguard.testkit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real service for tests, usable three ways:
 *
 * <ul>
 *   <li>per test class: {@code @RegisterExtension static final InfluxDbServer influx = new
 *       InfluxDbServer();} starts it before all tests and closes it after them. Each test begins
 *       with the service running: if an earlier test stopped or killed it, it is started again
 *       (on the same port and data).
 *   <li>per test: the same on an instance field starts a fresh service for every test and
 *       closes it after the test.
 *   <li>without JUnit (benchmarks, tools): {@code try (var influx = new InfluxDbServer()) {
 *       influx.start(); ... }}.
 * </ul>
 *
 * <p>A class-scoped service is closed by the context that started it only, so it survives the
 * {@code afterAll} of {@code @Nested} classes.
 */
public abstract class ServiceExtension
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback,
    AutoCloseable {
  private String owner;
  private boolean perTest;

  /**
   * Starts the service and returns when it is ready; does nothing if it is running.
   *
   * @throws MissingServiceException if its binary is not installed
   */
  public abstract void start();

  /** Whether the service is running now. */
  public abstract boolean isRunning();

  /** Stops the service and deletes everything it wrote; does nothing if already closed. */
  @Override
  public abstract void close();

  @Override
  public void beforeAll(ExtensionContext context) {
    if (owner == null) {
      owner = context.getUniqueId();
    }
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (context.getUniqueId().equals(owner)) {
      owner = null;
      close();
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (owner == null) {
      perTest = true;
    }
    start();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (perTest) {
      perTest = false;
      close();
    }
  }
}
