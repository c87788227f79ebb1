package org.gridguard.hub.ingest;

import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import org.gridguard.hub.gateway.GatewayRevokedEvent;
import org.gridguard.protocol.v1.RejectReason;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The live session of each gateway on this hub instance. A new session of the same gateway
 * replaces the old one, which gets Reject(REPLACED) (PROTOCOL.md §3.1). Several hub instances
 * do not coordinate here: the database constraints keep storage exactly-once between them.
 */
@Component
class SessionRegistry {
  private final ConcurrentHashMap<String, Session> sessions = new ConcurrentHashMap<>();
  private final IngestMetrics metrics;

  SessionRegistry(IngestMetrics metrics) {
    this.metrics = metrics;
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
    session.channel().closeFuture().addListener(f -> sessions.remove(session.gateway().id(), session));
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
}
