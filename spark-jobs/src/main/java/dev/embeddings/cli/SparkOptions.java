package dev.embeddings.cli;

import picocli.CommandLine.Option;

/** Options every Spark command takes. */
final class SparkOptions {

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master (default: spark-submit's, else local[*] in this JVM).")
    String master;

    @Option(names = ConfigFile.OPTION, paramLabel = "FILE",
            description = "Properties file of option defaults (keys = option names without dashes); "
                    + "flags override it. See conf/.")
    String config;
}
