package org.gridguard.edge.uplink;

import org.gridguard.protocol.v1.Command;
import org.gridguard.protocol.v1.CommandResult;
import org.gridguard.protocol.v1.ConfigPush;

/**
 * What the agent does with the hub's control messages (PROTOCOL.md §10). The uplink calls these
 * on its own control threads, never on the Netty event loop, so they may block (apply a
 * configuration, wait for a camera frame); each returns the {@link CommandResult} the uplink
 * writes back on the session the request came in on.
 */
public interface HubRequests {
  /** Judges and applies a pushed configuration; the answer's id is {@code config:<version>}. */
  CommandResult configPush(ConfigPush push);

  /** Carries out a command; the answer carries the command's id. */
  CommandResult command(Command command);

  /** The push version the agent runs, for {@code Hello.config_version}; 0 = none. */
  long configVersion();

  /** An agent that carries out nothing: every request is answered "not supported". */
  HubRequests NONE = new HubRequests() {
    @Override
    public CommandResult configPush(ConfigPush push) {
      return NotSupported.result("config:" + push.getConfigVersion());
    }

    @Override
    public CommandResult command(Command command) {
      return NotSupported.result(command.getCommandId());
    }

    @Override
    public long configVersion() {
      return 0;
    }
  };
}
