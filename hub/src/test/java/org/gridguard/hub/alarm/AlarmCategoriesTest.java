package org.gridguard.hub.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AlarmCategoriesTest {
  @Test
  void category_knownEdgeCode_wins() {
    assertThat(AlarmCategories.category("THRESHOLD", 9104)).isEqualTo("9104");
  }

  @Test
  void category_zeroOrUnknown_typeDefault() {
    assertThat(AlarmCategories.category("SMOKE", 0)).isEqualTo("9101");
    assertThat(AlarmCategories.category("DOOR_FORCED_OPEN", 1234)).isEqualTo("9205");
    assertThat(AlarmCategories.category("THRESHOLD", 0)).isNull();
  }

  @Test
  void category_deviceFault_neverAnIncidentWhateverTheEdgeSays() {
    assertThat(AlarmCategories.category("VIDEO_LOSS", 9101)).isNull();
    assertThat(AlarmCategories.category("VIDEO_COVERED", 0)).isNull();
    assertThat(AlarmCategories.category(AlarmIntake.DEVICE_OFFLINE, 0)).isNull();
  }

  @Test
  void priority_edgeOutOfRange_typeDefault() {
    assertThat(AlarmCategories.priority("SMOKE", 0)).isEqualTo(1);
    assertThat(AlarmCategories.priority("SMOKE", 3)).isEqualTo(3);
    assertThat(AlarmCategories.priority("TAMPER", 9)).isEqualTo(3);
  }
}
