package org.gridguard.hub.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import org.gridguard.hub.security.Role;
import org.junit.jupiter.api.Test;

/** The table's shape; what each row does over REST is {@code IncidentContract}'s table test. */
class TransitionsTest {
  static Actor as(Role role) {
    return new Actor("t", Set.of(role), false);
  }

  @Test
  void table_happyPathIsReachableFromReportedToClosed() {
    IncidentState s = IncidentState.REPORTED;
    for (IncidentAction a : new IncidentAction[] {IncidentAction.VERIFY, IncidentAction.REGISTER,
        IncidentAction.DISPATCH}) {
      s = Transitions.find(s, a, as(Role.DISPATCHER)).orElseThrow().to();
    }
    for (IncidentAction a : new IncidentAction[] {IncidentAction.ACCEPT, IncidentAction.START,
        IncidentAction.RESOLVE}) {
      s = Transitions.find(s, a, as(Role.PATROL)).orElseThrow().to();
    }
    s = Transitions.find(s, IncidentAction.CHECK, as(Role.DISPATCHER)).orElseThrow().to();
    s = Transitions.find(s, IncidentAction.CLOSE, as(Role.DISPATCHER)).orElseThrow().to();
    assertThat(s).isEqualTo(IncidentState.CLOSED);
  }

  @Test
  void table_viewersAndTechniciansTakeNothing_finalStatesHaveNoWayOut() {
    for (Transition t : Transitions.TABLE) {
      assertThat(t.roles()).doesNotContain(Role.VIEWER, Role.TECHNICIAN);
      assertThat(t.from().isFinal()).as(t.toString()).isFalse();
      assertThat(t.roles().isEmpty() && !t.system()).as(t + " nobody may take").isFalse();
    }
  }

  @Test
  void table_adminMayTakeEveryHumanRow_systemOnlyTheMarkedOnes() {
    Set<IncidentAction> systemActions = EnumSet.noneOf(IncidentAction.class);
    for (Transition t : Transitions.TABLE) {
      if (!t.roles().isEmpty()) {
        assertThat(t.permits(as(Role.ADMIN))).as(t.toString()).isTrue();
      }
      if (t.permits(Actor.SYSTEM)) {
        systemActions.add(t.action());
      }
    }
    assertThat(systemActions).containsExactlyInAnyOrder(IncidentAction.REGISTER,
        IncidentAction.DISPATCH, IncidentAction.ESCALATE, IncidentAction.CORRELATE);
    // no person may correlate: it is the alarm package's rules only
    for (Role r : Role.values()) {
      assertThat(Transitions.everPermitted(IncidentAction.CORRELATE, as(r))).as(r.name()).isFalse();
    }
  }

  @Test
  void find_dispatcherRegisteringAReportedIncident_mustVerifyFirst() {
    assertThat(Transitions.find(IncidentState.REPORTED, IncidentAction.REGISTER,
        as(Role.DISPATCHER))).isEmpty();
    assertThat(Transitions.find(IncidentState.REPORTED, IncidentAction.REGISTER, Actor.SYSTEM))
        .isPresent();
    assertThat(Transitions.everPermitted(IncidentAction.REGISTER, as(Role.DISPATCHER))).isTrue();
    assertThat(Transitions.everPermitted(IncidentAction.ACCEPT, as(Role.DISPATCHER))).isFalse();
  }

  @Test
  void fromPath_onlyCallableActions() {
    assertThat(IncidentAction.fromPath("verify")).contains(IncidentAction.VERIFY);
    assertThat(IncidentAction.fromPath("report")).isEmpty();
    assertThat(IncidentAction.fromPath("merged")).isEmpty();
    assertThat(IncidentAction.fromPath("VERIFY")).isEmpty();
  }
}
