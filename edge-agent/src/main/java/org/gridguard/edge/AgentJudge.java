package org.gridguard.edge;

import org.gridguard.edge.managed.ConfigJudge;
import org.gridguard.edge.managed.ManagedAgent;
import org.gridguard.edge.managed.ManagedConfig;
import org.gridguard.edge.managed.ManagedSections;

/**
 * The agent's validator as the managed side uses it: a whole configuration tree judged
 * exactly as its file ({@link AgentConfigLoader#judgeTree}), and the part a push or
 * {@code reload_mapping} can change taken from it.
 */
public final class AgentJudge {
  private AgentJudge() {
  }

  /** A {@link ConfigJudge} (what {@link ManagedAgent} is given). */
  public static ConfigJudge.Verdict judge(Object tree, String source) {
    ConfigVerdict verdict = AgentConfigLoader.judgeTree(tree, source);
    if (verdict instanceof ConfigVerdict.Valid v) {
      return new ConfigJudge.Valid(managed(v.config(), tree));
    }
    return new ConfigJudge.Invalid(((ConfigVerdict.Invalid) verdict).problems());
  }

  /** The live-changeable part of a configuration judged from {@code tree}. */
  public static ManagedConfig managed(AgentConfig config, Object tree) {
    Object mappingTree = config.mapping() == null ? null : ManagedSections.section(tree, "mapping");
    return new ManagedConfig(config.video(), config.rules(), config.mapping(), mappingTree);
  }
}
