package org.gridguard.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdsTest {
  @ParameterizedTest
  @ValueSource(strings = {"..", ".", ".hidden", "-rf", "_x", "", "gw/1", "gw\\1", "gw 1", "网关",
      "gw\u00001", "a/../b"})
  void isGatewayId_dotsSeparatorsLeadingPunctuationAndOthers_refused(String id) {
    assertThat(Ids.isGatewayId(id)).isFalse();
    assertThat(Ids.gatewayIdProblem(id)).startsWith("must be 1-64 characters of [A-Za-z0-9._-] "
        + "starting with a letter or digit, was '");
  }

  @ParameterizedTest
  @ValueSource(strings = {"gw-village-7", "G1", "9", "gw.a_b-c", "gw.."})
  void isGatewayId_plainNames_accepted(String id) {
    assertThat(Ids.isGatewayId(id)).isTrue();
    assertThat(Ids.gatewayIdProblem(id)).isNull();
  }

  @Test
  void isGatewayId_length_oneTo64() {
    assertThat(Ids.isGatewayId("a".repeat(64))).isTrue();
    assertThat(Ids.isGatewayId("a".repeat(65))).isFalse();
    assertThat(Ids.isGatewayId(null)).isFalse();
  }

  @Test
  void isEvidenceId_uuidAndDottedNames_acceptedDotsAndSeparators_refused() {
    assertThat(Ids.isEvidenceId("3f2504e0-4f89-11d3-9a0c-0305e82c3301")).isTrue();
    assertThat(Ids.isEvidenceId("hub-db.mv.db")).isTrue();
    assertThat(Ids.isEvidenceId("x.part")).isTrue();
    assertThat(Ids.isEvidenceId("a".repeat(128))).isTrue();
    assertThat(Ids.isEvidenceId("a".repeat(129))).isFalse();
    for (String bad : new String[] {"..", ".", ".partial", "../x", "x/y", "", "/etc/passwd"}) {
      assertThat(Ids.isEvidenceId(bad)).as(bad).isFalse();
      assertThat(Ids.evidenceIdProblem(bad)).as(bad).contains("(a UUID), was '");
    }
  }

  @Test
  void deviceIdProblem_emptyIsTheGatewayOtherwiseTheTelemetryNameRule() {
    assertThat(Ids.deviceIdProblem("")).isNull();
    assertThat(Ids.deviceIdProblem("东门 1, a=b")).isNull();
    assertThat(Ids.deviceIdProblem("door\\")).startsWith("contains a backslash at index 4");
  }

  @Test
  void printable_controlCharactersBackslashesAndLength_escapedQuotedAndCut() {
    assertThat(Ids.printable("a\u0000b\\c\n")).isEqualTo("'a\\u0000b\\\\c\\u000a'");
    assertThat(Ids.printable("x\ud800")).isEqualTo("'x\\ud800'");
    assertThat(Ids.printable("水😀")).isEqualTo("'水😀'");
    String cut = Ids.printable("y".repeat(500));
    assertThat(cut).hasSizeLessThan(100).endsWith("...(500 chars)'");
    assertThat(Ids.printable(null)).isEqualTo("null");
  }
}
