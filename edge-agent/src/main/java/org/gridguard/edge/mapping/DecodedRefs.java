package org.gridguard.edge.mapping;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import org.gridguard.edge.config.ConfigNode;

/**
 * The decoded byte fields one mapping rule's event may name ({@code {decoded.<metric>}}):
 * binds each reference to its layout field, recording a problem with the rule and key for a
 * name no layout of the rule decodes, and for a field that cannot be a code (a code is text:
 * whole numbers and flags only, no scale/offset/convert). Remembers what was used, so a
 * {@code reading: false} field no event names is refused as decoded for nothing.
 */
final class DecodedRefs {
  private final String rule;
  private final Map<String, ValueSource.Decoded> fields = new LinkedHashMap<>();
  private final Set<String> used = new LinkedHashSet<>();

  DecodedRefs(String rule, List<ByteLayout> layouts) {
    this.rule = rule;
    for (ByteLayout layout : layouts) {
      for (ByteLayout.Field f : layout.fields()) {
        fields.putIfAbsent(f.metric(), new ValueSource.Decoded(layout, f));
      }
    }
  }

  static boolean isReference(String text) {
    return text.startsWith("{decoded");
  }

  /** The bound field, or {@code null} with a problem at {@code node.key}. */
  ValueSource.Decoded bind(ConfigNode node, String key, String text, boolean asCode) {
    Matcher m = ValueSource.DECODED.matcher(text);
    if (!m.matches()) {
      node.problem(key, "mapping rule '" + rule + "': '" + text + "' is not a decoded field "
          + "reference; write {decoded.<field metric>}, e.g. {decoded.state}");
      return null;
    }
    String name = m.group(1);
    ValueSource.Decoded d = fields.get(name);
    if (d == null) {
      node.problem(key, "mapping rule '" + rule + "': '" + text + "' names no decoded field; "
          + (fields.isEmpty() ? "the rule has no byte layout (a readings item with decode:)"
              : "its byte layouts decode " + fields.keySet()));
      return null;
    }
    used.add(name); // named, even if refused below: not "decoded for nothing"
    ByteLayout.Field f = d.field();
    if (asCode && (f.type().floating || !f.conversion().identity())) {
      node.problem(key, "mapping rule '" + rule + "': " + d.where() + " is a "
          + (f.type().floating ? "float" : "scaled value") + "; an event code is taken from a "
          + "whole-number field (with a mask if need be) or a flag, without scale, offset or "
          + "convert");
      return null;
    }
    return d;
  }

  /** {@code reading: false} fields no event names: decoded for nothing. */
  void checkUnused(ConfigNode rule) {
    for (ValueSource.Decoded d : fields.values()) {
      if (!d.field().reading() && !used.contains(d.field().metric())) {
        rule.problems().add(rule.pathOf("readings"), "mapping rule '" + this.rule + "': field '"
            + d.field().metric() + "' has reading: false but no event names {decoded."
            + d.field().metric() + "}: it would be decoded for nothing");
      }
    }
  }
}
