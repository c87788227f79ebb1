package org.gridguard.hub.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.gridguard.hub.security.GridScope;
import org.gridguard.hub.security.HubPrincipal;
import org.gridguard.hub.security.Role;
import org.junit.jupiter.api.Test;

class NavigationTest {
  private static HubPrincipal user(Role... roles) {
    return new HubPrincipal(1, "u", Set.of(roles), GridScope.all(), false);
  }

  @Test
  void of_technician_seesMapAndTheTechnicianScreensButNoIncidentPages() {
    assertThat(Navigation.of(user(Role.TECHNICIAN))).extracting(Navigation.Entry::path)
        .containsExactly("/console/map", "/console/gateways", "/console/health",
            "/console/orders");
  }

  @Test
  void of_dispatcher_seesQueueMapEvaluation() {
    assertThat(Navigation.of(user(Role.DISPATCHER))).extracting(Navigation.Entry::path)
        .containsExactly("/console/incidents", "/console/map", "/console/evaluation",
            "/console/gateways", "/console/health", "/console/orders");
  }

  @Test
  void home_patrolOrGridMember_isThePhonePage() {
    assertThat(Navigation.home(user(Role.PATROL))).isEqualTo("/patrol");
    assertThat(Navigation.home(user(Role.GRID_MEMBER))).isEqualTo("/patrol");
  }

  @Test
  void home_centreAndTechnician_areTheirFirstEntry() {
    assertThat(Navigation.home(user(Role.DISPATCHER))).isEqualTo("/console/incidents");
    assertThat(Navigation.home(user(Role.ADMIN, Role.PATROL))).isEqualTo("/console/incidents");
    assertThat(Navigation.home(user(Role.TECHNICIAN))).isEqualTo("/console/gateways");
    assertThat(Navigation.home(user(Role.ADMIN, Role.TECHNICIAN))).isEqualTo("/console/incidents");
  }

  @Test
  void entries_unbuiltSlots_areKeptForTheNextFeatures() {
    assertThat(Navigation.ENTRIES).filteredOn(e -> !e.built())
        .extracting(Navigation.Entry::path).containsExactly("/patrol/tasks");
  }
}
