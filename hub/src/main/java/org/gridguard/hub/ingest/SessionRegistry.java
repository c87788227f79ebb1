package org.gridguard.hub.ingest;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.gridguard.hub.gateway.GatewayRevokedEvent;
import org.gridguard.protocol.v1.CommandResult;
import org.gridguard.protocol.v1.RejectReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The live session of each gateway on this hub instance. A new session of the same gateway
 * replaces the old one, which gets Reject(REPLACED) (PROTOCOL.md §3.1). Several hub instances
 * do not coordinate here: the database constraints keep storage exactly-once between them.
 * {@link SessionListener}s hear of sessions opened and closed and of command results.
 */
@Component
class SessionRegistry {
  private static final Logger log = LoggerFactory.getLogger(SessionRegistry.class);

  private final ConcurrentHashMap<String, Session> sessions = new ConcurrentHashMap<>();
  private final IngestMetrics metrics;
  /** Resolved on first use: the listeners depend on beans that depend on this registry. */
  private final ObjectProvider<SessionListener> listenerProvider;
  private volatile List<SessionListener> listeners;

  SessionRegistry(IngestMetrics metrics) {
    this(metrics, null);
  }

  @Autowired
  SessionRegistry(IngestMetrics metrics, ObjectProvider<SessionListener> listeners) {
    this.metrics = metrics;
    this.listenerProvider = listeners;
    this.listeners = listeners == null ? List.of() : null;
    metrics.registry().gauge("gridguard.ingest.sessions", sessions, ConcurrentHashMap::size);
  }

  /** Makes {@code session} the gateway's live one, rejecting the one it replaces. */
  void open(Session session) {
    Session old = sessions.put(session.gateway().id(), session);
    if (old != null && old != session) {
      metrics.rejected(RejectReason.REPLACED);
      old.channel().eventLoop().execute(() -> Rejects.rejectAndClose(old.channel(),
          RejectReason.REPLACED, "a newer connection of gateway " + old.gateway().id()
              + " took over (session " + session.sessionId() + ")", 0));
    }
    session.channel().closeFuture().addListener(f -> {
      sessions.remove(session.gateway().id(), session);
      if (session.info() != null) {
        each(l -> l.closed(session.info()));
      }
    });
  }

  /** Tells the listeners the session is open (its HelloAck is written). */
  void announce(Session session) {
    if (session.info() != null) {
      each(l -> l.opened(session.info()));
    }
  }

  void commandResult(Session session, CommandResult result) {
    if (session.info() != null) {
      each(l -> l.commandResult(session.info(), result));
    }
  }

  /** The gateway's live session on this instance, or null. */
  Session live(String gatewayId) {
    return sessions.get(gatewayId);
  }

  Collection<Session> all() {
    return sessions.values();
  }

  int size() {
    return sessions.size();
  }

  @EventListener
  void onRevoked(GatewayRevokedEvent event) {
    Session session = sessions.get(event.gatewayId());
    if (session != null) {
      metrics.rejected(RejectReason.REVOKED);
      session.channel().eventLoop().execute(() -> Rejects.rejectAndClose(session.channel(),
          RejectReason.REVOKED, "gateway credential revoked", 30_000));
    }
  }

  private void each(java.util.function.Consumer<SessionListener> call) {
    List<SessionListener> all = listeners;
    if (all == null) {
      all = listenerProvider.orderedStream().toList();
      listeners = all;
    }
    for (SessionListener l : all) {
      try {
        call.accept(l);
      } catch (RuntimeException e) {
        // a listener's failure must not break the session
        log.warn("session listener {} failed: {}", l.getClass().getSimpleName(), e.toString());
      }
    }
  }
}
