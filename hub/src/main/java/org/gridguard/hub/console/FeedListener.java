package org.gridguard.hub.console;

import org.gridguard.hub.incident.IncidentChange;
import org.gridguard.hub.incident.IncidentChangeListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Hands every incident change to {@link LiveFeed} once its transaction has committed (never a
 * change that is then rolled back, and never while the transaction still holds its locks).
 */
@Component
class FeedListener implements IncidentChangeListener {
  private final LiveFeed feed;

  FeedListener(LiveFeed feed) {
    this.feed = feed;
  }

  @Override
  public void onChange(IncidentChange change) {
    FeedEvent event = FeedEvent.of(change);
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      feed.publish(event); // not in a transaction (tests, future callers): it is already durable
      return;
    }
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void afterCommit() {
        feed.publish(event);
      }
    });
  }
}
