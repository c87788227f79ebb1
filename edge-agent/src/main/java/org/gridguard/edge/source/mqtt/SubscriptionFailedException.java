package org.gridguard.edge.source.mqtt;

/**
 * The broker did not take a new subscription (not connected in time, refused it, no answer):
 * the MQTT source kept its previous mapping and subscription.
 */
public final class SubscriptionFailedException extends Exception {
  private static final long serialVersionUID = 1L;

  public SubscriptionFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
