package org.gridguard.protocol;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Feature names of {@code Hello.features} / {@code HelloAck.features} (PROTOCOL.md §9), defined
 * once for both sides. A message type or record body that belongs to a feature is sent only when
 * both sides listed it ({@link #shared}).
 */
public final class ProtocolFeatures {
  /** Evidence chunks on the EVIDENCE lane (§7). */
  public static final String EVIDENCE_V1 = "evidence.v1";
  /** Hub → edge commands and their results (§10). */
  public static final String COMMAND_V1 = "command.v1";

  /** The features the 1.0 protocol defines. */
  public static final List<String> V1_0 = List.of(EVIDENCE_V1, COMMAND_V1);

  private ProtocolFeatures() {}

  /** The features both sides listed, in {@code ours}' order: what a session may use. */
  public static Set<String> shared(Collection<String> ours, Collection<String> peers) {
    Set<String> out = new LinkedHashSet<>(ours);
    out.retainAll(Set.copyOf(peers));
    return Set.copyOf(out);
  }
}
