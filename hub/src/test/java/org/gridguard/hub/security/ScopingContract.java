package org.gridguard.hub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Set;
import org.gridguard.hub.gateway.CredentialHasher;
import org.gridguard.hub.gateway.Gateway;
import org.gridguard.hub.gateway.GatewayRepository;
import org.gridguard.hub.telemetry.DeadLetterRepository;
import org.gridguard.testkit.InfluxDbServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Grid scope is enforced where data is read: a patrol of village A sees none of village B's
 * gateways, telemetry or dead letters — by list, by id, by guessed id — and a technician of
 * village A cannot register a gateway in village B. Subclasses choose the database.
 */
abstract class ScopingContract {
  static final String VILLAGE_A = "330102001001";
  static final String VILLAGE_B = "330102002001";
  static final String DB = "gg_scope";

  @Autowired MockMvc mvc;
  @Autowired UserRepository users;
  @Autowired TokenService tokens;
  @Autowired GatewayRepository gateways;
  @Autowired DeadLetterRepository deadLetters;
  @Autowired org.springframework.jdbc.core.JdbcTemplate jdbc;
  @Autowired org.gridguard.hub.evidence.EvidenceProperties evidence;
  @Autowired org.springframework.security.crypto.password.PasswordEncoder encoder;
  @Autowired org.gridguard.hub.grid.GridImporter gridImporter;

  abstract InfluxDbServer influxd();

  TestUsers testUsers;

  @BeforeEach
  void villages() {
    testUsers = new TestUsers(users, tokens, encoder, gridImporter);
    testUsers.gridsExist(VILLAGE_A + "001", VILLAGE_B + "001");
    testUsers.create("patrol-a", GridScope.of(Set.of(VILLAGE_A)), Role.PATROL);
    testUsers.create("tech-a", GridScope.of(Set.of(VILLAGE_A)), Role.TECHNICIAN);
    testUsers.create("viewer-a", GridScope.of(Set.of(VILLAGE_A)), Role.VIEWER);
    testUsers.create("tech-town-a", GridScope.of(Set.of("330102001")), Role.TECHNICIAN);
    if (gateways.find("gw-a").isEmpty()) {
      String hash = new CredentialHasher(1000).hash("x");
      gateways.insert(new Gateway("gw-a", hash, VILLAGE_A + "001", false));
      gateways.insert(new Gateway("gw-b", hash, VILLAGE_B + "001", false));
      deadLetters.insert(List.of(new DeadLetterRepository.Entry("gw-a", "m v=1 1", "a's"),
          new DeadLetterRepository.Entry("gw-b", "m v=1 1", "b's")));
      for (String gw : List.of("gw-a", "gw-b")) {
        jdbc.update("INSERT INTO evidence_item (gateway_id, evidence_id, content_type, total_size, "
            + "chunk_count, sha256, status, device_id, capture_time_ms) VALUES (?,?,?,?,?,?,?,?,?)",
            gw, "snap-1", "image/jpeg", 4, 1, "00", "COMPLETE", "cam-1", 1_700_000_000_000L);
      }
      // the same device id under both gateways: reads must not mix them
      influxd().createDatabase(DB);
      influxd().write(DB, "water_level,grid=" + VILLAGE_A + "001,gateway=gw-a,device=d1 level=1 "
          + "1700000000000000000\n" + "water_level,grid=" + VILLAGE_B
          + "001,gateway=gw-b,device=d1 level=100 1700000000000000000");
    }
  }

  @Test
  void gatewayList_patrolOfVillageA_showsOnlyVillageA() throws Exception {
    String body = mvc.perform(get("/api/v1/gateways").header("Authorization",
        testUsers.bearer("patrol-a"))).andExpect(status().isOk())
        .andReturn().getResponse().getContentAsString();
    assertThat(body).contains("\"gw-a\"").doesNotContain("gw-b").contains("\"total\":1");
  }

  @Test
  void gatewayById_otherVillage_answers404AsIfAbsent() throws Exception {
    String bearer = testUsers.bearer("patrol-a");
    String absent = mvc.perform(get("/api/v1/gateways/gw-nonexistent").header("Authorization",
        bearer)).andExpect(status().isNotFound()).andReturn().getResponse().getContentAsString();
    String other = mvc.perform(get("/api/v1/gateways/gw-b").header("Authorization", bearer))
        .andExpect(status().isNotFound()).andReturn().getResponse().getContentAsString();
    assertThat(other.replace("gw-b", "X")).isEqualTo(absent.replace("gw-nonexistent", "X"));
    mvc.perform(get("/api/v1/gateways/gw-a").header("Authorization", bearer))
        .andExpect(status().isOk());
  }

  @Test
  void telemetry_sameDeviceIdUnderTwoGateways_readsOnlyTheNamedGatewayInScope() throws Exception {
    String bearer = testUsers.bearer("patrol-a");
    String range = "?from=2023-11-14T22:00:00Z&to=2023-11-14T23:00:00Z&every=1h";
    String mine = mvc.perform(get("/api/v1/telemetry/gw-a/d1/level" + range)
        .header("Authorization", bearer)).andExpect(status().isOk())
        .andReturn().getResponse().getContentAsString();
    assertThat(mine).contains("\"value\":1.0").doesNotContain("100");
    mvc.perform(get("/api/v1/telemetry/gw-b/d1/level" + range).header("Authorization", bearer))
        .andExpect(status().isNotFound());
  }

  @Test
  void deadLetters_technicianOfVillageA_seesOnlyVillageA() throws Exception {
    String body = mvc.perform(get("/api/v1/telemetry/dead-letters")
        .header("Authorization", testUsers.bearer("tech-a"))).andExpect(status().isOk())
        .andReturn().getResponse().getContentAsString();
    assertThat(body).contains("a's").doesNotContain("b's");
  }

  @Test
  void evidence_patrolOfVillageA_listsAndOpensOnlyVillageA() throws Exception {
    String bearer = testUsers.bearer("patrol-a");
    String list = mvc.perform(get("/api/v1/evidence").header("Authorization", bearer))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    assertThat(list).contains("\"gw-a\"").doesNotContain("gw-b");
    mvc.perform(get("/api/v1/evidence?gatewayId=gw-b").header("Authorization", bearer))
        .andExpect(status().isOk())
        .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers
            .jsonPath("$.items").isEmpty());
    mvc.perform(get("/api/v1/evidence/gw-b/snap-1").header("Authorization", bearer))
        .andExpect(status().isNotFound());
    // in scope, but the file was never written: 410, and the audit log has no view
    mvc.perform(get("/api/v1/evidence/gw-a/snap-1").header("Authorization", bearer))
        .andExpect(status().isGone());
  }

  @Test
  void evidence_inScopeFile_downloadedAndTheViewAudited() throws Exception {
    java.nio.file.Path file = evidence.directory().resolve("gw-a").resolve("snap-2");
    java.nio.file.Files.createDirectories(file.getParent());
    java.nio.file.Files.write(file, new byte[] {1, 2, 3, 4});
    jdbc.update("INSERT INTO evidence_item (gateway_id, evidence_id, content_type, total_size, "
        + "chunk_count, sha256, status, device_id, capture_time_ms) VALUES (?,?,?,?,?,?,?,?,?)",
        "gw-a", "snap-2", "image/jpeg", 4, 1, "00", "COMPLETE", "cam-1", 1_700_000_000_000L);
    byte[] body = mvc.perform(get("/api/v1/evidence/gw-a/snap-2")
            .header("Authorization", testUsers.bearer("patrol-a")))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
    assertThat(body).containsExactly(1, 2, 3, 4);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE action = "
        + "'evidence.view' AND actor = 'patrol-a' AND object_id = 'gw-a/snap-2'", Integer.class))
        .isEqualTo(1);
  }

  @Test
  void grids_patrolOfVillageA_listsOnlyItsSubtreeAndOtherVillageIs404() throws Exception {
    String bearer = testUsers.bearer("patrol-a");
    String list = mvc.perform(get("/api/v1/grids?size=500").header("Authorization", bearer))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    assertThat(list).contains(VILLAGE_A + "001").doesNotContain(VILLAGE_B)
        .doesNotContain("\"330102002\"");
    mvc.perform(get("/api/v1/grids/" + VILLAGE_B).header("Authorization", bearer))
        .andExpect(status().isNotFound());
    mvc.perform(get("/api/v1/grids/" + VILLAGE_B + "001").header("Authorization", bearer))
        .andExpect(status().isNotFound());
    String export = mvc.perform(get("/api/v1/grids/export?format=geojson")
            .header("Authorization", testUsers.bearer("viewer-a")))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    assertThat(export).contains(VILLAGE_A).doesNotContain(VILLAGE_B);
  }

  @Test
  void evidence_technician_refused403() throws Exception {
    mvc.perform(get("/api/v1/evidence").header("Authorization", testUsers.bearer("tech-a")))
        .andExpect(status().isForbidden());
  }

  @Test
  void register_technicianOfVillageA_cannotRegisterInVillageB() throws Exception {
    mvc.perform(post("/api/v1/gateways").header("Authorization", testUsers.bearer("tech-a"))
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"gatewayId\":\"gw-sneaky\",\"gridCode\":\"" + VILLAGE_B + "001\"}"))
        .andExpect(status().isForbidden());
    assertThat(gateways.find("gw-sneaky")).isEmpty();
  }

  @Test
  void revoke_gatewayOfOtherVillage_answers404AndChangesNothing() throws Exception {
    mvc.perform(post("/api/v1/gateways/gw-b/revoke")
            .header("Authorization", testUsers.bearer("tech-town-a")))
        .andExpect(status().isNotFound());
    mvc.perform(post("/api/v1/gateways/gw-b/credential")
            .header("Authorization", testUsers.bearer("tech-town-a")))
        .andExpect(status().isNotFound());
    assertThat(gateways.find("gw-b")).hasValueSatisfying(g -> assertThat(g.revoked()).isFalse());
  }
}
