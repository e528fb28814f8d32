package io.hypertrader.cli;

import picocli.CommandLine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The list of subcommands, one line each, in the order `--help` shows them. Each is built only
 * when registered: picocli reads a command's annotations (and loads the classes its fields name)
 * when it is added, so a start that names its subcommand registers that one alone
 * ({@link #register(CommandLine, String[])}) and does not pay for the others.
 */
final class Subcommands {
    private static final Map<String, Supplier<Object>> ALL = new LinkedHashMap<>();

    static {
        // Registered here rather than in @Command so each feature adds one line.
        ALL.put("fetch", FetchCommand::new);
        ALL.put("record", RecordCommand::new);
        ALL.put("data", DataCommand::new);
        ALL.put("keys", KeysCommand::new);
        ALL.put("sign", SignCommand::new);
        ALL.put("bench", BenchCommand::new);
        ALL.put("backtest", BacktestCommand::new);
        ALL.put("verify", VerifyCommand::new);
        ALL.put("runs", RunsCommand::new);
        ALL.put("report", ReportCommand::new);
        ALL.put("sweep", SweepCommand::new);
        ALL.put("montecarlo", MonteCarloCommand::new);
        ALL.put("walkforward", WalkForwardCommand::new);
        ALL.put("lookahead", LookaheadCommand::new);
        ALL.put("studies", StudiesCommand::new);
        ALL.put("promote", PromoteCommand::new);
        ALL.put("run", RunCommand::new);
        ALL.put("status", StatusCommand::new);
        ALL.put("orders", OrdersCommand::new);
        ALL.put("fills", FillsCommand::new);
        ALL.put("stop", StopCommand::new);
        ALL.put("parity", ParityCommand::new);
        ALL.put("alerts", AlertsCommand::new);
        ALL.put("backup", BackupCommand::new);
        ALL.put("restore", RestoreCommand::new);
        ALL.put("serve", ServeCommand::new);
    }

    /** Root options that take a value as the next argument (--db PATH, ...). */
    private static final Set<String> GLOBAL_WITH_VALUE = Set.of("--db", "--network", "--api-url");

    private Subcommands() {
    }

    /** Every subcommand (the root's --help lists them all; tests walk the whole tree). */
    static void register(CommandLine root) {
        ALL.forEach((name, command) -> root.addSubcommand(name, command.get()));
    }

    /**
     * Only the subcommand {@code args} name, when they name one; otherwise every one (no subcommand,
     * {@code help}, a misspelt name: picocli then lists or suggests them as usual).
     */
    static void register(CommandLine root, String[] args) {
        String name = named(args);
        if (name == null) {
            register(root);
        } else {
            root.addSubcommand(name, ALL.get(name).get());
        }
    }

    /** The registered subcommand the arguments start with (after root options), or null. */
    static String named(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) {
                return null;
            }
            if (a.startsWith("-")) {
                if (GLOBAL_WITH_VALUE.contains(a)) {
                    i++;
                }
                continue;
            }
            return ALL.containsKey(a) ? a : null;
        }
        return null;
    }

    /** The subcommand names in --help order. */
    static List<String> names() {
        return List.copyOf(ALL.keySet());
    }
}
