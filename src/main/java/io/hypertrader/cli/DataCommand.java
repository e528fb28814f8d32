package io.hypertrader.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code hypertrader data}: inspect, import, export and generate stored market data. */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = "Inspect, import, export and generate stored market data.",
        subcommands = {DataListCommand.class, DataShowCommand.class, DataImportCommand.class,
                DataExportCommand.class, DataDeleteCommand.class, DataGenerateCommand.class})
final class DataCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand (list, show, import, export, delete, generate)");
    }
}
