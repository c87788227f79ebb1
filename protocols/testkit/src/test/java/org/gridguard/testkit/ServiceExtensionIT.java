package org.gridguard.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The JUnit life cycle of {@link ServiceExtension}, on mosquitto because it starts fastest. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServiceExtensionIT {
  private static final List<MosquittoBroker> PER_TEST = new ArrayList<>();
  private static final List<Path> PER_TEST_DIRS = new ArrayList<>();
  private static int sharedPort;

  @RegisterExtension static final MosquittoBroker shared = new MosquittoBroker();
  @RegisterExtension final MosquittoBroker perTest = new MosquittoBroker();

  @Test
  @Order(1)
  void staticAndInstanceField_beforeTest_bothRunning() {
    remember();
    sharedPort = shared.port();

    assertThat(shared.isRunning()).isTrue();
    assertThat(perTest.isRunning()).isTrue();
    assertThat(perTest.port()).isNotEqualTo(shared.port());
  }

  @Test
  @Order(2)
  void staticField_stoppedByTest_stoppedUntilTestEnds() {
    remember();

    shared.stop();

    assertThat(shared.isRunning()).isFalse();
  }

  @Test
  @Order(3)
  void staticField_stoppedByEarlierTest_runningAgainOnSamePort() {
    remember();

    assertThat(shared.isRunning()).isTrue();
    assertThat(shared.port()).isEqualTo(sharedPort);
    assertThat(PER_TEST).doesNotHaveDuplicates().hasSize(3);
  }

  @AfterAll
  static void instanceField_afterEachTest_closedAndDeleted() {
    assertThat(PER_TEST).noneMatch(MosquittoBroker::isRunning);
    assertThat(PER_TEST_DIRS).noneMatch(Files::exists);
  }

  private void remember() {
    PER_TEST.add(perTest);
    PER_TEST_DIRS.add(perTest.directory());
  }
}
