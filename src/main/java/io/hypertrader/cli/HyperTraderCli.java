package io.hypertrader.cli;

import io.hypertrader.core.Network;
import io.hypertrader.core.UserError;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import static picocli.CommandLine.ScopeType.INHERIT;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/**
 * The {@code hypertrader} command: global options and the subcommand list. Global options are
 * inherited, so they may be given before or after the subcommand.
 */
@Command(name = "hypertrader",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Research workbench for Hyperliquid perpetuals: fetch data, backtest, report, sweep, promote.",
        subcommands = {CommandLine.HelpCommand.class},
        sortOptions = false,
        usageHelpAutoWidth = true,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:success",
                "1:failure (an unexpected error; details on stderr)",
                "2:usage error: a bad flag, argument, file or config value",
                "3:data missing: fetch or import it first (the message names the command)",
                "4:exchange error: Hyperliquid could not be reached or refused",
                "5:refused by a safety gate, risk rule or confirmation"})
public final class HyperTraderCli implements Runnable {

    /** Default DuckDB file, relative to the working directory. */
    public static final String DEFAULT_DB = "datasets/hypertrader.duckdb";

    @Option(names = "--db", scope = INHERIT, paramLabel = "PATH",
            description = "DuckDB file (default: $HYPERTRADER_DB or " + DEFAULT_DB + ").")
    Path db;

    @Option(names = "--network", scope = INHERIT, paramLabel = "mainnet|testnet",
            description = "Hyperliquid network (default: mainnet for read-only data).")
    String network;

    @Option(names = "--api-url", scope = INHERIT, paramLabel = "URL",
            description = "Override the network's REST base URL (default: $HYPERTRADER_API_URL or the network's).")
    String apiUrl;

    @Option(names = "--quiet", scope = INHERIT,
            description = "Print nothing but results and errors.")
    boolean quiet;

    @CommandLine.Spec
    CommandSpec spec;

    private final Map<String, String> env;
    private final LinePrompt terminal;

    public HyperTraderCli(Map<String, String> env) {
        this(env, LinePrompt.system());
    }

    public HyperTraderCli(Map<String, String> env, LinePrompt terminal) {
        this.env = Map.copyOf(env);
        this.terminal = terminal;
    }

    @Override
    public void run() {
        // No subcommand: show the usage (exit 2 like any other usage error).
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand");
    }

    /** The DuckDB path: flag, then HYPERTRADER_DB, then the default. */
    public Path dbPath() {
        if (db != null) {
            return db;
        }
        String fromEnv = env.get("HYPERTRADER_DB");
        return Path.of(fromEnv != null && !fromEnv.isBlank() ? fromEnv : DEFAULT_DB);
    }

    /** The reports folder: the command's --reports, then HYPERTRADER_REPORTS, then "reports" (relative to the working directory). */
    public Path reportsDir(Path flag) {
        if (flag != null) {
            return flag;
        }
        String fromEnv = env.get("HYPERTRADER_REPORTS");
        return Path.of(fromEnv != null && !fromEnv.isBlank() ? fromEnv : "reports");
    }

    public Network network() {
        try {
            return network == null ? Network.MAINNET : Network.parse(network);
        } catch (IllegalArgumentException e) {
            throw UserError.usage("--network: " + e.getMessage());
        }
    }

    /** Whether --network was given explicitly (mainnet trading demands an explicit choice). */
    public boolean networkGiven() {
        return network != null;
    }

    /** REST base URL: --api-url, then HYPERTRADER_API_URL, then the network's default. */
    public String apiUrl() {
        String url = apiUrl != null ? apiUrl : env.get("HYPERTRADER_API_URL");
        if (url == null || url.isBlank()) {
            return network().restUrl();
        }
        url = url.trim();
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw UserError.usage("--api-url: '" + url + "' is not an http(s) URL");
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public boolean quiet() {
        return quiet;
    }

    public Map<String, String> env() {
        return env;
    }

    /** Where typed confirmations come from (the terminal; tests inject answers). */
    public LinePrompt terminal() {
        return terminal;
    }

    public PrintWriter out() {
        return spec.commandLine().getOut();
    }

    public PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** The root command object from any (sub)command's spec. */
    public static HyperTraderCli root(CommandSpec spec) {
        return (HyperTraderCli) spec.root().userObject();
    }

    /** Builds the command line with every subcommand and the error-to-exit-code mapping. */
    public static CommandLine commandLine(Map<String, String> env, PrintWriter out, PrintWriter err) {
        return commandLine(env, out, err, LinePrompt.system());
    }

    /** The command line with typed confirmations read from {@code terminal}. */
    public static CommandLine commandLine(Map<String, String> env, PrintWriter out, PrintWriter err, LinePrompt terminal) {
        return build(env, out, err, terminal, null);
    }

    /**
     * The command line for one start: only the subcommand {@code args} name is built (see
     * {@link Subcommands#register(CommandLine, String[])}), the whole tree when they name none.
     */
    static CommandLine commandLineFor(Map<String, String> env, PrintWriter out, PrintWriter err, String[] args) {
        return build(env, out, err, LinePrompt.system(), args);
    }

    private static CommandLine build(Map<String, String> env, PrintWriter out, PrintWriter err, LinePrompt terminal,
                                     String[] args) {
        CommandLine cl = new CommandLine(new HyperTraderCli(env, terminal));
        if (args == null) {
            Subcommands.register(cl);
        } else {
            Subcommands.register(cl, args);
        }
        withHelpEverywhere(cl);
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler(new ErrorHandler());
        cl.setParameterExceptionHandler(new ErrorHandler.UsageHandler());
        return cl;
    }

    /**
     * Every command and subcommand answers {@code --help} (and {@code -h}, {@code --version}), also
     * the ones whose own annotation forgot it and the ones with required options, which picocli
     * then does not demand: help is asked for, not a run.
     */
    private static void withHelpEverywhere(CommandLine cl) {
        CommandSpec spec = cl.getCommandSpec();
        if (spec.findOption("--help") == null) {
            spec.mixinStandardHelpOptions(true);
        }
        cl.getSubcommands().values().forEach(HyperTraderCli::withHelpEverywhere);
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = commandLineFor(System.getenv(), out, err, args).execute(args);
        out.flush();
        err.flush();
        System.exit(code);
    }
}
