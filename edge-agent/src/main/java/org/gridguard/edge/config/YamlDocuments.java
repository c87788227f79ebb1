package org.gridguard.edge.config;

import java.io.Reader;
import java.io.StringReader;
import java.util.List;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.representer.Representer;

/**
 * The one YAML reader of the agent's configuration documents (the file, a pushed config, the
 * persisted last push): safe types only, duplicate keys refused, aliases bounded. Turns a
 * syntax error into one problem with its line and column.
 */
public final class YamlDocuments {
  private YamlDocuments() {
  }

  /**
   * @return the document as maps, lists and scalars ({@code null} when empty)
   * @throws InvalidConfigException naming {@code source} and where the syntax is wrong
   */
  public static Object parse(Reader reader, String source) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(50);
    try {
      return new Yaml(new SafeConstructor(options)).load(reader);
    } catch (MarkedYAMLException e) {
      throw new InvalidConfigException(source, List.of("line " + (e.getProblemMark().getLine()
          + 1) + ", column " + (e.getProblemMark().getColumn() + 1) + ": not valid YAML: "
          + e.getProblem()));
    } catch (YAMLException e) {
      throw new InvalidConfigException(source, List.of("(document): not valid YAML: "
          + e.getMessage()));
    }
  }

  public static Object parse(String text, String source) {
    return parse(new StringReader(text), source);
  }

  /** A tree of maps, lists and scalars as block-style YAML (readable, diffable). */
  public static String dump(Object tree) {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setIndent(2);
    options.setWidth(100);
    return new Yaml(new SafeConstructor(new LoaderOptions()), new Representer(options), options)
        .dump(tree);
  }
}
