package org.gridguard.hub.incident;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Reads of small, rarely edited tables (the calendar, categories, time limits) remembered for
 * the rest of the current transaction: an alarm's incident, its registration and its dispatch
 * each ask, and a group of gateways' alarms in one transaction asks again per incident. A
 * transaction sees one version throughout; an edit on any hub instance holds on all of them
 * from their next transaction. Outside a transaction every call reads.
 */
final class TransactionMemo<K, V> {
  /** Remembered values of this transaction, bound to it as a resource keyed by this memo. */
  V get(K key, Function<K, V> load) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      return load.apply(key);
    }
    @SuppressWarnings("unchecked")
    Map<K, V> memo = (Map<K, V>) TransactionSynchronizationManager.getResource(this);
    if (memo == null) {
      memo = new HashMap<>();
      TransactionSynchronizationManager.bindResource(this, memo);
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCompletion(int status) {
          forget();
        }
      });
    }
    V value = memo.get(key);
    if (value == null) {
      value = load.apply(key);
      memo.put(key, value);
    }
    return value;
  }

  /** Drops this transaction's values (after a write to the table, and at its end). */
  void forget() {
    TransactionSynchronizationManager.unbindResourceIfPossible(this);
  }
}
