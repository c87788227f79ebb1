package org.gridguard.edge.uplink;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.ssl.SslContextBuilder;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import org.gridguard.edge.config.GatewayConfig;
import org.gridguard.edge.metrics.Metrics;
import org.gridguard.edge.spool.Spool;
import org.gridguard.edge.spool.SpoolConfig;
import org.gridguard.edge.spool.SpoolRecords;
import org.gridguard.edge.testhub.TestHub;
import org.gridguard.protocol.v1.Lane;
import org.gridguard.testkit.NettyLeakCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** TLS to the hub with a CA file, certificates made by the JDK's keytool. */
@ExtendWith(NettyLeakCheck.class)
class UplinkTlsTest {
  @TempDir Path dir;

  private Path keystore(String name, String san) throws Exception {
    Path p12 = dir.resolve(name + ".p12");
    keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", "CN=" + name, "-ext", "SAN=" + san, "-validity", "2", "-keystore",
        p12.toString(), "-storetype", "PKCS12", "-storepass", "changeit");
    keytool("-exportcert", "-rfc", "-alias", name, "-keystore", p12.toString(), "-storepass",
        "changeit", "-file", dir.resolve(name + ".pem").toString());
    return p12;
  }

  private static void keytool(String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("keytool %s: %s", args[0], out).isZero();
  }

  private TestHub tlsHub(Path p12) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(p12)) {
      ks.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, "changeit".toCharArray());
    return new TestHub().tls(SslContextBuilder.forServer(kmf).build()).start();
  }

  private Uplink uplink(Spool spool, TestHub hub, Path ca) throws Exception {
    return new Uplink(new GatewayConfig("gw-tls", "x"), new HubAddress("127.0.0.1", hub.port(),
        new HubAddress.Tls(ca, null, null, true)),
        UplinkConfig.defaults().withBackoff(Duration.ofMillis(50), Duration.ofMillis(200)),
        spool, Uplink.newBootId(), "test", spool.metrics());
  }

  @Test
  void connect_hubCertificateSignedByConfiguredCa_deliversOverTls() throws Exception {
    Path p12 = keystore("hub", "ip:127.0.0.1");
    try (TestHub hub = tlsHub(p12);
        Spool spool = Spool.open(SpoolConfig.defaults(dir.resolve("spool")), new Metrics());
        Uplink uplink = uplink(spool, hub, dir.resolve("hub.pem"))) {
      uplink.start();
      spool.append(SpoolRecords.alarm("door", 1)).get();
      assertThat(TestHub.await(Duration.ofSeconds(20),
          () -> hub.stored(Lane.PRIORITY).size() == 1)).isTrue();
    }
  }

  @Test
  void connect_hubCertificateNotTrusted_sendsNothing() throws Exception {
    Path p12 = keystore("hub", "ip:127.0.0.1");
    keystore("other", "ip:127.0.0.1");
    try (TestHub hub = tlsHub(p12);
        Spool spool = Spool.open(SpoolConfig.defaults(dir.resolve("spool")), new Metrics());
        Uplink uplink = uplink(spool, hub, dir.resolve("other.pem"))) {
      uplink.start();
      spool.append(SpoolRecords.alarm("door", 1)).get();
      // retried (with backoff) at least once: a slow machine passes slowly, never falsely
      org.awaitility.Awaitility.await("a second connect attempt").atMost(Duration.ofSeconds(30))
          .until(() -> spool.metrics().counterValue("uplink.connects") > 1);
      assertThat(hub.hellos()).isZero();
      assertThat(uplink.connected()).isFalse();
    }
  }

  @Test
  void connect_hubCertificateForAnotherName_refusedByHostnameCheck() throws Exception {
    Path p12 = keystore("hub", "dns:hub.example");
    try (TestHub hub = tlsHub(p12);
        Spool spool = Spool.open(SpoolConfig.defaults(dir.resolve("spool")), new Metrics());
        Uplink uplink = uplink(spool, hub, dir.resolve("hub.pem"))) {
      uplink.start();
      spool.append(SpoolRecords.alarm("door", 1)).get();
      // tried, refused at the handshake, tried again: never got as far as a Hello
      org.awaitility.Awaitility.await("a second connect attempt").atMost(Duration.ofSeconds(30))
          .until(() -> spool.metrics().counterValue("uplink.connects") >= 2);
      assertThat(hub.hellos()).isZero();
    }
  }
}
