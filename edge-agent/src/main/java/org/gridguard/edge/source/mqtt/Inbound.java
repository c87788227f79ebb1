package org.gridguard.edge.source.mqtt;

import org.gridguard.edge.mapping.PayloadMapper;

/**
 * One received message on its way from Paho's callback thread to the mapping worker, with the
 * mapper in force when it was taken from the broker: a mapping swapped meanwhile maps only the
 * messages taken after it (PROTOCOL.md §10).
 */
record Inbound(String topic, byte[] payload, long receivedAtMs, InOrderAcker.Pending pending,
    PayloadMapper mapper) {
  /** Tells the worker to stop. */
  static final Inbound STOP = new Inbound("", new byte[0], 0, null, null);
}
