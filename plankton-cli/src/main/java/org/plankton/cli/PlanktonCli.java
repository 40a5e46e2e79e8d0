package org.plankton.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: {@code plankton train|evaluate|classify|info}. */
@Command(name = "plankton", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Classify plankton images with deep convolutional networks.",
        subcommands = {TrainCommand.class, EvaluateCommand.class, ClassifyCommand.class, InfoCommand.class,
                CalibrateCommand.class, FitSetsCommand.class, TaxonomyCommand.class, EnsembleCommand.class, ExportOnnxCommand.class, ConvertCommand.class, ServeCommand.class,
                FitDomainCommand.class, DomainCheckCommand.class, ImportEcoTaxaCommand.class,
                CommandLine.HelpCommand.class})
public final class PlanktonCli implements Runnable {

    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command (train, evaluate, classify, info)");
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the CLI and returns the exit code (used by tests instead of {@link #main}). */
    public static int execute(String... args) {
        return newCommandLine().execute(args);
    }

    static CommandLine newCommandLine() {
        CommandLine cl = new CommandLine(new PlanktonCli());
        for (ExtraCommands extra : java.util.ServiceLoader.load(ExtraCommands.class)) {
            extra.commands().forEach(cl::addSubcommand);
        }
        // One line per error: scripts read stderr, and a screen of usage hides the actual problem.
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine cmd = ex.getCommandLine();
            PrintWriter err = cmd.getErr();
            err.println("plankton: " + ex.getMessage() + " (see 'plankton "
                    + (cmd.getCommandName().equals("plankton") ? "" : cmd.getCommandName() + " ") + "--help')");
            return EXIT_USAGE;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parse) -> {
            cmd.getErr().println("plankton " + cmd.getCommandName() + ": " + Errors.describe(ex));
            if (Boolean.getBoolean("plankton.debug")) {
                ex.printStackTrace(cmd.getErr());
            }
            return EXIT_FAILURE;
        });
        return cl;
    }
}
