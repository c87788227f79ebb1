package org.gridguard.hub.ingest;

import com.google.protobuf.MessageLite;
import io.netty.channel.Channel;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The live sessions of this hub instance as features beyond storage see them, and the one way
 * they send to a gateway (ConfigPush, Command; PROTOCOL.md §10). Callable from any thread:
 * {@code writeAndFlush} from outside the event loop is queued onto it, never blocking either.
 */
@Component
public class EdgeSessions {
  private final SessionRegistry registry;

  EdgeSessions(SessionRegistry registry) {
    this.registry = registry;
  }

  /** The gateway's live session on this instance, if it has one. */
  public Optional<EdgeSession> live(String gatewayId) {
    Session s = registry.live(gatewayId);
    return s == null || s.info() == null || !s.channel().isActive() ? Optional.empty()
        : Optional.of(s.info());
  }

  /** Every live session on this instance. */
  public List<EdgeSession> all() {
    return registry.all().stream().map(Session::info).filter(java.util.Objects::nonNull)
        .toList();
  }

  /**
   * Sends {@code message} to {@code session} if it is still the gateway's live session here.
   *
   * @return whether it was handed to the connection (not whether the edge received it)
   */
  public boolean send(EdgeSession session, MessageLite message) {
    Session s = registry.live(session.gatewayId());
    if (s == null || !session.sessionId().equals(s.sessionId())) {
      return false;
    }
    Channel channel = s.channel();
    if (!channel.isActive()) {
      return false;
    }
    channel.writeAndFlush(message);
    return true;
  }
}
