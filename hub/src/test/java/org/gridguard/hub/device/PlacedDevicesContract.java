package org.gridguard.hub.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.Function;
import org.gridguard.hub.security.HubPrincipal;
import org.gridguard.hub.security.UserAccount;
import org.gridguard.hub.security.UserRepository;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * {@link DeviceConsole#placed} (the map's device layer, one scoped read) on the database of the
 * {@link DeviceContract} subclass that implements it: a caller sees only the placed devices of
 * their grids, each with its health, and the limit holds (and says the list was cut).
 */
interface PlacedDevicesContract {
  String VILLAGE_B = "330102002001";

  DeviceConsole console();

  JdbcTemplate jdbc();

  UserRepository users();

  /** Registers a gateway as {@code user} in {@code grid}. */
  void gatewayIn(String id, String grid, String user) throws Exception;

  /** Registers a door with the given place (null: none) as {@code user}. */
  void door(String gateway, String deviceId, String grid, Double lat, Double lon, String user)
      throws Exception;

  /** {@code call} with {@code username} signed in (so method security sees their roles). */
  private <T> T as(String username, Function<HubPrincipal, T> call) {
    UserAccount u = users().findByUsername(username).orElseThrow();
    HubPrincipal p = new HubPrincipal(u.id(), u.username(), u.roles(), u.scope(), false);
    var context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(new UsernamePasswordAuthenticationToken(p, null, u.roles().stream()
        .map(r -> new SimpleGrantedAuthority("ROLE_" + r.name())).toList()));
    SecurityContextHolder.setContext(context);
    try {
      return call.apply(p);
    } finally {
      SecurityContextHolder.clearContext();
    }
  }

  private DeviceConsole.PlacedList placed(String username, int limit) {
    return as(username, caller -> console().placed(caller, limit));
  }

  @Test
  default void placed_callersOfVillagesAAndB_eachOnlyTheirOwnPlacedDevicesWithHealth()
      throws Exception {
    gatewayIn("placed-gw-a", DeviceContract.A1, "tech-a");
    door("placed-gw-a", "pa-door-1", DeviceContract.A1, 30.01, 120.01, "tech-a");
    door("placed-gw-a", "pa-door-2", DeviceContract.A2, 30.02, 120.02, "tech-a");
    door("placed-gw-a", "pa-unplaced", DeviceContract.A1, null, null, "tech-a");
    gatewayIn("placed-gw-b", DeviceContract.B1, "tech-b");
    door("placed-gw-b", "pb-door-1", DeviceContract.B1, 30.5, 120.5, "tech-b");
    jdbc().update("INSERT INTO health_state (gateway_id, device_id, state, cause, since, version, "
        + "checked_at) VALUES ('placed-gw-a', 'pa-door-1', 'DEGRADED', 'test', CURRENT_TIMESTAMP, "
        + "1, CURRENT_TIMESTAMP)");

    DeviceConsole.PlacedList a = placed("tech-a", 2_000);
    DeviceConsole.PlacedList b = placed("tech-b", 2_000);

    assertThat(a.cut()).isFalse();
    assertThat(a.items()).allSatisfy(d -> assertThat(d.gridCode()).startsWith(DeviceContract.VILLAGE_A));
    assertThat(a.items()).filteredOn(d -> d.gatewayId().equals("placed-gw-a"))
        .extracting(DeviceConsole.Placed::deviceId, DeviceConsole.Placed::health)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("pa-door-1", HealthState.DEGRADED),
            org.assertj.core.groups.Tuple.tuple("pa-door-2", null));
    assertThat(a.items()).noneMatch(d -> d.gatewayId().equals("placed-gw-b"));
    assertThat(b.items()).allSatisfy(d -> assertThat(d.gridCode()).startsWith(VILLAGE_B))
        .anySatisfy(d -> {
          assertThat(d.deviceId()).isEqualTo("pb-door-1");
          assertThat(d.lat()).isEqualTo(30.5);
          assertThat(d.lon()).isEqualTo(120.5);
          assertThat(d.kind()).isEqualTo(DeviceKind.DOOR);
        });
  }

  @Test
  default void placed_moreThanTheLimit_cutAtTheLimitInOrder() throws Exception {
    gatewayIn("placed-gw-cap", DeviceContract.A1, "tech-a");
    for (int i = 0; i < 5; i++) {
      door("placed-gw-cap", "cap-door-" + i, DeviceContract.A1, 30.1 + i / 100.0, 120.1, "tech-a");
    }
    List<DeviceConsole.Placed> all = placed("tech-a", 2_000).items();
    assertThat(all.size()).isGreaterThanOrEqualTo(5);

    DeviceConsole.PlacedList exact = placed("tech-a", all.size());
    DeviceConsole.PlacedList cut = placed("tech-a", all.size() - 3);

    assertThat(exact.cut()).isFalse();
    assertThat(exact.items()).isEqualTo(all);
    assertThat(cut.cut()).isTrue();
    assertThat(cut.items()).isEqualTo(all.subList(0, all.size() - 3));
  }

  @Test
  default void placed_patrol_refusedAsTheDeviceApiRefusesIt() {
    assertThatThrownBy(() -> placed("patrol-a", 10)).isInstanceOf(AccessDeniedException.class);
  }
}
