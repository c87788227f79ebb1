package org.gridguard.edge.source.camera;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactionTest {
  private static final String URL = "rtsp://admin:S3cr%40t!@10.0.0.2:554/Streaming/101";

  @Test
  void forPeople_javacvOpenError_noCredentialsNoDeveloperHint() {
    String javacv = "avformat_open_input() error -111: Could not open input \"" + URL
        + "\". (Has setFormat() been called?)";

    String shown = Redaction.forPeople(javacv, URL);

    assertThat(shown).isEqualTo("avformat_open_input() error -111: Could not open input "
        + "\"rtsp://***@10.0.0.2:554/Streaming/101\".");
  }

  @Test
  void forPeople_passwordPrintedDecodedAlone_removed() {
    assertThat(Redaction.forPeople("auth failed for admin with S3cr@t!", URL))
        .isEqualTo("auth failed for admin with ***");
  }

  @Test
  void redact_urlsWithAndWithoutUserInfo_onlyUserInfoReplaced() {
    assertThat(Redaction.redact("a http://u:p@h/x b rtsp://h2/y c user@example.org"))
        .isEqualTo("a http://***@h/x b rtsp://h2/y c user@example.org");
    assertThat(Redaction.redact("rtsp://10.0.0.2/path@with-at")).isEqualTo(
        "rtsp://10.0.0.2/path@with-at");
  }

  @Test
  void redact_null_staysNull() {
    assertThat(Redaction.redact(null)).isNull();
    assertThat(Redaction.forPeople(null, URL)).isNull();
  }
}
