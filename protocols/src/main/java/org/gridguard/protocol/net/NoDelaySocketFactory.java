package org.gridguard.protocol.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * Plain TCP sockets with Nagle's algorithm off, for clients that write small segments and wait
 * for an answer: with Nagle on, a small write waits for the peer's delayed ACK of the previous
 * one (up to ~40 ms). Used by the edge agent's MQTT client (each PUBACK is a 4-byte write after
 * the spool has the message; QoS 1 intake was throttled to a few thousand messages per second)
 * and by the hub's InfluxDB writers (OkHttp writes a request's headers and body in separate
 * segments: ~40 ms a request otherwise).
 */
public final class NoDelaySocketFactory extends SocketFactory {
  private final SocketFactory plain = SocketFactory.getDefault();

  private static Socket noDelay(Socket socket) throws IOException {
    socket.setTcpNoDelay(true);
    return socket;
  }

  @Override
  public Socket createSocket() throws IOException {
    return noDelay(plain.createSocket());
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return noDelay(plain.createSocket(host, port));
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress local, int localPort)
      throws IOException {
    return noDelay(plain.createSocket(host, port, local, localPort));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return noDelay(plain.createSocket(host, port));
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress local, int localPort)
      throws IOException {
    return noDelay(plain.createSocket(address, port, local, localPort));
  }
}
