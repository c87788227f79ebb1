package org.gridguard.hub.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GatewayTest {
  /** A gateway id names a directory under the evidence store: '..' there was the database. */
  @ParameterizedTest
  @ValueSource(strings = {"..", ".", ".hidden", "-x", "gw/1", ""})
  void new_idThatIsNotOnePlainName_refusedWithTheRule(String id) {
    assertThatThrownBy(() -> new Gateway(id, "hash", "330102", false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("gateway id must be 1-64 characters of [A-Za-z0-9._-] starting with a letter "
            + "or digit, was '" + id + "'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"gw-village-7", "G1", "gw.a_b"})
  void new_plainId_accepted(String id) {
    assertThat(new Gateway(id, "hash", "330102", false).id()).isEqualTo(id);
  }
}
