package org.gridguard.edge.uplink;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import javax.net.ssl.SSLException;

/** Builds the client TLS context from the {@code hub.tls} settings. */
final class TlsContexts {
  private TlsContexts() {}

  static SslContext client(HubAddress.Tls tls) throws SSLException {
    SslContextBuilder builder = SslContextBuilder.forClient().protocols("TLSv1.3", "TLSv1.2");
    if (tls.caFile() != null) {
      builder.trustManager(tls.caFile().toFile());
    }
    if (tls.certificateFile() != null) {
      builder.keyManager(tls.certificateFile().toFile(), tls.keyFile().toFile());
    }
    return builder.build();
  }
}
