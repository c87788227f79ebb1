package org.gridguard.protocol.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;

class NoDelaySocketFactoryTest {
  private final NoDelaySocketFactory factory = new NoDelaySocketFactory();

  @Test
  void createSocket_unconnected_hasNagleOff() throws IOException {
    try (Socket socket = factory.createSocket()) {
      assertThat(socket.getTcpNoDelay()).isTrue();
    }
  }

  @Test
  void createSocket_connected_hasNagleOff() throws IOException {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    try (ServerSocket server = new ServerSocket(0, 1, loopback);
        Socket byName = factory.createSocket(loopback.getHostAddress(), server.getLocalPort());
        Socket byAddress = factory.createSocket(loopback, server.getLocalPort())) {
      assertThat(byName.getTcpNoDelay()).isTrue();
      assertThat(byAddress.getTcpNoDelay()).isTrue();
    }
  }
}
