package org.gridguard.hub.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.gridguard.hub.security.GridScope;
import org.junit.jupiter.api.Test;
import org.springframework.web.server.ResponseStatusException;

class DeviceConsoleTest {
  @Test
  void narrow_filterInsideScope_isTheFilter() {
    assertThat(DeviceConsole.narrow(GridScope.of(Set.of("330102001001")), "330102001001001"))
        .isEqualTo(GridScope.of(Set.of("330102001001001")));
    assertThat(DeviceConsole.narrow(GridScope.all(), "330102")).isEqualTo(
        GridScope.of(Set.of("330102")));
  }

  @Test
  void narrow_filterAboveScope_neverWidensIt() {
    GridScope two = GridScope.of(Set.of("330102001001", "330103001001"));
    assertThat(DeviceConsole.narrow(two, "330102001")).isEqualTo(
        GridScope.of(Set.of("330102001001")));
    assertThat(DeviceConsole.narrow(two, "330104")).isEqualTo(GridScope.none());
  }

  @Test
  void narrow_badCode_is400NamingTheFilter() {
    assertThatThrownBy(() -> DeviceConsole.narrow(GridScope.all(), "33x"))
        .isInstanceOf(ResponseStatusException.class).hasMessageContaining("grid: ");
  }
}
