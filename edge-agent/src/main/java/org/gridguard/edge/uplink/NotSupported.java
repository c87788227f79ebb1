package org.gridguard.edge.uplink;

import org.gridguard.protocol.v1.CommandResult;

/** The answer to hub requests this agent cannot carry out. */
final class NotSupported {
  static final String MESSAGE = "not supported by this edge agent version";

  private NotSupported() {
  }

  static CommandResult result(String id) {
    return CommandResult.newBuilder().setCommandId(id).setOk(false).setMessage(MESSAGE).build();
  }
}
