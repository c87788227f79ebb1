package org.gridguard.hub.ingest;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.SslHandler;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;

/** The gateway id a verified TLS client certificate names (its CN). */
final class ClientCertificates {
  private ClientCertificates() {}

  /** CN of a verified client certificate, or null without mutual TLS or without one. */
  static String name(ChannelHandlerContext ctx) {
    SslHandler ssl = ctx.pipeline().get(SslHandler.class);
    if (ssl == null || ssl.engine().getNeedClientAuth() == ssl.engine().getWantClientAuth()
        && !ssl.engine().getNeedClientAuth()) {
      return null;
    }
    Certificate[] chain;
    try {
      chain = ssl.engine().getSession().getPeerCertificates();
    } catch (SSLPeerUnverifiedException e) {
      return null;
    }
    if (chain.length == 0 || !(chain[0] instanceof X509Certificate x509)) {
      return null;
    }
    try {
      for (Rdn rdn : new LdapName(x509.getSubjectX500Principal().getName()).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN")) {
          return rdn.getValue().toString();
        }
      }
    } catch (javax.naming.InvalidNameException e) {
      return null;
    }
    return null;
  }
}
