package org.gridguard.edge.source.mqtt;

/** One received message on its way from Paho's callback thread to the mapping worker. */
record Inbound(String topic, byte[] payload, long receivedAtMs, InOrderAcker.Pending pending) {
  /** Tells the worker to stop. */
  static final Inbound STOP = new Inbound("", new byte[0], 0, null);
}
