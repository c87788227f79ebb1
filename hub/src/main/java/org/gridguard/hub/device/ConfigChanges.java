package org.gridguard.hub.device;

import java.util.LinkedHashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Registry writes that change what a gateway's edge gets (device create, update, delete, CSV
 * import) call {@link #changed}; once the transaction commits, each gateway it touched is
 * re-assembled once ({@link ConfigPusher#changed}: new version if the content changed, pushed to
 * a live session here) on the committing thread — a request thread, never an event loop — so the
 * answer of the write already shows the new desired version. A rolled-back write changes
 * nothing.
 */
@Component
class ConfigChanges {
  private static final Logger log = LoggerFactory.getLogger(ConfigChanges.class);
  private static final Object KEY = new Object();

  private final ConfigPusher pusher;

  ConfigChanges(ConfigPusher pusher) {
    this.pusher = pusher;
  }

  void changed(String gatewayId) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      apply(gatewayId);
      return;
    }
    @SuppressWarnings("unchecked")
    Set<String> touched = (Set<String>) TransactionSynchronizationManager.getResource(KEY);
    if (touched == null) {
      Set<String> gateways = new LinkedHashSet<>();
      TransactionSynchronizationManager.bindResource(KEY, gateways);
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          gateways.forEach(ConfigChanges.this::apply);
        }

        @Override
        public void afterCompletion(int status) {
          TransactionSynchronizationManager.unbindResourceIfPossible(KEY);
        }
      });
      touched = gateways;
    }
    touched.add(gatewayId);
  }

  private void apply(String gatewayId) {
    try {
      pusher.changed(gatewayId);
    } catch (RuntimeException e) {
      // the write is committed; the next Hello or sweep assembles again
      log.warn("config of gateway {} not re-assembled after a registry change: {}", gatewayId,
          e.toString());
    }
  }
}
