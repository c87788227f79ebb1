package org.gridguard.edge;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.gridguard.edge.config.InvalidConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's command line: run (the local file with the last pushed configuration merged over
 * it, see {@link StartupConfig}), {@code --check}, {@code --map}, {@code --enrol}. Exit codes as
 * documented on {@link Agent}.
 */
final class AgentCommandLine {
  private static final Logger log = LoggerFactory.getLogger(AgentCommandLine.class);
  static final int EXIT_USAGE = Agent.EXIT_USAGE;
  static final int EXIT_FAILED = Agent.EXIT_FAILED;
  static final String USAGE =
      "usage: java -jar gridguard-edge-agent.jar --config <agent.yml> [--check]\n"
      + "  --config FILE   the agent configuration (see deploy/edge-agent.example.yml)\n"
      + "  --check         validate the configuration and exit (0 = valid, 2 = problems),\n"
      + "                  printing warnings about likely mapping mistakes\n"
      + "  --map TOPIC FILE|-  run one payload through the mappings and rules offline and\n"
      + "                  print the records and alarms it would make (3 = not mapped)\n"
      + "  --enrol HUB CODE [--out DIR]  exchange a one-time enrolment code for the gateway "
      + "credential and exit";

  private AgentCommandLine() {
  }

  static int run(String[] args) {
    Path configFile = null;
    boolean checkOnly = false;
    String mapTopic = null;
    String mapPayload = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--enrol" -> { // one-time code → credential file (issue 12); then exit
          return org.gridguard.edge.enrol.EnrolCommand.main(
              java.util.Arrays.asList(args).subList(i + 1, args.length));
        }
        case "--config", "-c" -> {
          if (i + 1 >= args.length) {
            System.err.println("--config needs a file\n" + USAGE);
            return EXIT_USAGE;
          }
          configFile = Path.of(args[++i]);
        }
        case "--check" -> checkOnly = true;
        case "--map" -> {
          if (i + 2 >= args.length) {
            System.err.println("--map needs a topic and a payload file (or - for stdin)\n" + USAGE);
            return EXIT_USAGE;
          }
          mapTopic = args[++i];
          mapPayload = args[++i];
        }
        case "--help", "-h" -> {
          System.out.println(USAGE);
          return 0;
        }
        default -> {
          System.err.println("unknown argument '" + args[i] + "'\n" + USAGE);
          return EXIT_USAGE;
        }
      }
    }
    if (configFile == null) {
      System.err.println("--config is required\n" + USAGE);
      return EXIT_USAGE;
    }
    if (!Files.isReadable(configFile)) {
      System.err.println(configFile + ": file does not exist or is not readable");
      return EXIT_USAGE;
    }
    StartupConfig startup;
    try {
      startup = StartupConfig.load(configFile);
    } catch (InvalidConfigException e) {
      System.err.println(e.getMessage());
      return EXIT_USAGE;
    }
    AgentConfig config = startup.config();
    if (checkOnly) {
      List<String> warnings = MappingChecks.warnings(config);
      warnings.forEach(w -> System.out.println("warning: " + w));
      System.out.println(configFile + ": configuration is valid"
          + (warnings.isEmpty() ? "" : " (" + warnings.size() + " warning(s))"));
      return 0;
    }
    if (mapTopic != null) {
      try {
        return MapCommand.run(config, mapTopic, mapPayload, System.in, System.out);
      } catch (java.io.IOException e) {
        System.err.println(mapPayload + ": cannot read the payload: " + e.getMessage());
        return EXIT_USAGE;
      }
    }
    Agent agent;
    try {
      agent = Agent.start(startup);
    } catch (Exception e) {
      log.error("edge agent failed to start", e);
      System.err.println("edge agent failed to start: " + e);
      return EXIT_FAILED;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      agent.close();
      stopped.countDown();
    }, "shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }
}
