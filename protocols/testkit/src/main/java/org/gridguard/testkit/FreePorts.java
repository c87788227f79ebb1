package org.gridguard.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Free TCP ports on the loopback interface, for services the tests start. */
public final class FreePorts {
  private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();
  private static final String LISTEN = "0A";
  /** 127.0.0.1 and 0.0.0.0; ::ffff:127.0.0.1, :: and ::1 as /proc/net/tcp6 prints them. */
  private static final Set<String> LOCAL_ADDRESSES = Set.of("0100007F", "00000000",
      "0000000000000000FFFF00000100007F", "00000000000000000000000000000000",
      "00000000000000000000000001000000");

  private FreePorts() {}

  /**
   * A port on 127.0.0.1 that is free now and has not been returned before by this JVM (the
   * kernel may hand out the same ephemeral port twice in a row once it is closed again, and two
   * services of one test must not get the same port).
   */
  public static int pick() {
    for (int attempt = 0; attempt < 50; attempt++) {
      int port;
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        port = socket.getLocalPort();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot bind an ephemeral port on 127.0.0.1", e);
      }
      if (HANDED_OUT.add(port)) {
        return port;
      }
    }
    throw new IllegalStateException("no unused ephemeral port on 127.0.0.1 after 50 attempts");
  }

  /**
   * Whether some process listens on TCP {@code 127.0.0.1:port} or on all addresses, IPv4 or
   * dual-stack IPv6, read from {@code /proc/net/tcp*} without connecting. Connecting would be a
   * client for servers that serve exactly one, such as {@code ffmpeg -listen 1}.
   */
  public static boolean isListening(int port) {
    return listensIn(Path.of("/proc/net/tcp"), port) || listensIn(Path.of("/proc/net/tcp6"), port);
  }

  private static boolean listensIn(Path table, int port) {
    String hexPort = String.format(Locale.ROOT, ":%04X", port);
    try {
      List<String> lines = Files.readAllLines(table);
      for (String line : lines.subList(1, lines.size())) {
        String[] fields = line.trim().split("\\s+");
        String local = fields[1];
        String address = local.substring(0, local.indexOf(':'));
        if (LOCAL_ADDRESSES.contains(address) && local.endsWith(hexPort)
            && LISTEN.equals(fields[3])) {
          return true;
        }
      }
      return false;
    } catch (NoSuchFileException e) {
      return false; // no IPv6 in this kernel
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + table, e);
    }
  }
}
