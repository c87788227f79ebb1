package org.gridguard.hub.gateway;

import java.util.List;
import org.gridguard.protocol.v1.Record;

/**
 * What ingest tells the registry about a live session: its Hello, that something arrived, which
 * devices its records came from, and its end. Every method is called on a Netty event loop and
 * must neither block nor do I/O; the implementation collects in memory and writes later.
 */
public interface GatewayActivity {
  /** Does nothing (ingest tests without a registry). */
  GatewayActivity NONE = new GatewayActivity() {
    @Override
    public void opened(String gatewayId, String softwareVersion) { }

    @Override
    public void heard(String gatewayId) { }

    @Override
    public void records(String gatewayId, List<Record> records) { }

    @Override
    public void closed(String gatewayId) { }
  };

  /** A session opened; {@code softwareVersion} is {@code Hello.software_version} (may be empty). */
  void opened(String gatewayId, String softwareVersion);

  /** A frame of an open session arrived. */
  void heard(String gatewayId);

  /** A batch of the session's records arrived (devices seen, by capture time). */
  void records(String gatewayId, List<Record> records);

  /** The session closed. */
  void closed(String gatewayId);
}
