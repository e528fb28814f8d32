package io.hypertrader.cli;

import io.hypertrader.core.UserError;
import io.hypertrader.live.store.DeploymentLease;
import io.hypertrader.live.store.LiveStore;
import io.hypertrader.live.exchange.TransportException;
import io.hypertrader.ops.fleet.Fleet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code hypertrader run DEPLOYMENT}: runs a deployment until stopped (or a bound is reached);
 * {@code run --all}: every active deployment in this one process, each on its own thread and
 * isolated from the others ({@link Fleet}).
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run a deployment: paper through the simulator on live candles, testnet and mainnet on Hyperliquid.",
                "Paper uses the realistic profile on the wall clock. Same strategy code as the backtest, behind the risk manager.",
                "Stops on 'hypertrader stop' from any process; --max-bars / --duration bound a session.",
                "--all runs every active paper and testnet deployment in this process (mainnet only with --stage mainnet),",
                "each isolated: one deployment's failure or stall never stops another."})
final class RunCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DEPLOYMENT", description = "Deployment id (see: hypertrader status).")
    String deploymentId;

    @Option(names = "--all", description = {"Run every active deployment (not stopped; mainnet ones confirmed) in this process,",
            "picking up deployments promoted meanwhile; a failed runner restarts after a backoff."})
    boolean all;

    @Option(names = "--stage", paramLabel = "STAGE", split = ",", description = {"With --all: the stages to run (paper, testnet,",
            "mainnet). Default: paper,testnet. Mainnet deployments run only when mainnet is named here."})
    List<String> stages;

    @Option(names = "--rescan", paramLabel = "D", defaultValue = "30s",
            description = "With --all: how often to look for deployments promoted or stopped meanwhile. Default: ${DEFAULT-VALUE}.")
    String rescan;

    @Option(names = "--max-bars", paramLabel = "N", defaultValue = "0", description = "Stop after N new closed bars (0 = no bound).")
    int maxBars;

    @Option(names = "--duration", paramLabel = "D", description = "Stop after this long, e.g. 90s, 15m, 8h (default: no bound).")
    String duration;

    @Option(names = "--poll-ms", paramLabel = "MS", defaultValue = "2000", description = "Poll interval in ms (default: 2000).")
    long pollMs;

    @Option(names = "--dead-man", paramLabel = "D", defaultValue = "60s",
            description = {"Testnet/mainnet dead-man switch: the exchange cancels every open order of the account when the",
                    "runner has not refreshed it for this long (scheduleCancel; refreshed every half window, cleared on a",
                    "clean stop). At least 10s; 0 turns it off. Default: ${DEFAULT-VALUE}."})
    String deadMan;

    @Option(names = "--rest-feed", description = {"Poll market data, fills and order states over REST only (default: WebSockets,",
            "with REST polling as the fallback and backstop)."})
    boolean restFeed;

    @Option(names = "--key", paramLabel = "ADDRESS", description = "Which stored key signs (testnet/mainnet; default: the only one).")
    String keyAddress;

    @Option(names = "--lease-timeout", paramLabel = "D", description = {"One runner per deployment: another run takes the",
            "deployment over only when this runner's process is gone or it has not renewed its lease for this long",
            "(and this run waits as long on a silent holder). Default: 60s, or 3 poll intervals when longer;",
            "at least 10s and 3 poll intervals."})
    String leaseTimeout;

    @Option(names = "--metrics-port", paramLabel = "PORT", description = {"Serve Prometheus metrics of the runners at",
            "http://127.0.0.1:PORT/metrics (0 picks a free port; printed as METRICS ...). Default: none."})
    Integer metricsPort;

    @Option(names = "--backup-dir", paramLabel = "DIR", description = {"Where the daily backup of the database goes while",
            "this runs (default: $HYPERTRADER_HOME/backups, as 'hypertrader backup')."})
    java.nio.file.Path backupDir;

    @Option(names = "--backup-keep", paramLabel = "DAYS", defaultValue = "7",
            description = "Keep the newest backup of each of the last DAYS days; 0 keeps all (default: ${DEFAULT-VALUE}).")
    int backupKeep;

    @Option(names = "--no-backup", description = "No daily backup while this runs.")
    boolean noBackup;

    @Override
    public void run() {
        HyperTraderCli root = HyperTraderCli.root(spec);
        if (maxBars < 0 || pollMs < 0) {
            throw UserError.usage("--max-bars and --poll-ms must not be negative");
        }
        if (all == (deploymentId != null)) {
            throw UserError.usage(all ? "give either a DEPLOYMENT or --all, not both"
                    : "name the DEPLOYMENT to run (see: hypertrader status), or --all for every active one");
        }
        if (!all && (stages != null || spec.commandLine().getParseResult().hasMatchedOption("--rescan"))) {
            throw UserError.usage("--stage and --rescan go with --all");
        }
        long durationMs = duration == null ? 0 : parseDuration(duration);
        long deadManMs = parseDuration("--dead-man", deadMan);
        if (deadManMs != 0 && deadManMs < 10_000) {
            throw UserError.usage("--dead-man " + deadMan + ": the window must be 0 (off) or at least 10s (the exchange demands 5 s ahead)");
        }
        if (backupKeep < 0 || (metricsPort != null && (metricsPort < 0 || metricsPort > 65_535))) {
            throw UserError.usage("--backup-keep must not be negative and --metrics-port must be 0..65535");
        }
        var options = new DeploymentLauncher.Options(pollMs, maxBars, durationMs, deadManMs, restFeed, keyAddress, leaseTimeoutMs());
        Set<LiveStore.Stage> chosen = all ? stages() : Set.of();
        long rescanMs = all ? parseDuration("--rescan", rescan) : 0;
        if (all && rescanMs < 1_000) {
            throw UserError.usage("--rescan " + rescan + ": at least 1s");
        }
        java.nio.file.Path backups = noBackup ? null : backupDir != null ? backupDir : BackupCommand.defaultRoot(root.env());
        try (RunOperations operations = RunOperations.start(root, metricsPort, backups, backupKeep, line -> say(root, line))) {
            if (all) {
                runAll(root, options, operations, chosen, rescanMs);
                return;
            }
            try (DeploymentLauncher launcher = new DeploymentLauncher(root, options, operations, false)) {
                launcher.run(deploymentId);
            } catch (TransportException e) {
                throw UserError.exchange("cannot read market data: " + e.getMessage(), e);
            }
        }
    }

    private void runAll(HyperTraderCli root, DeploymentLauncher.Options options, RunOperations operations, Set<LiveStore.Stage> chosen,
                        long rescanMs) {
        LiveStore scanStore = LiveSupport.store(root, true);
        long started = System.currentTimeMillis();
        List<String> skipped = new ArrayList<>();
        // a stall is judged well past a silent lease, so a runner waiting out another holder is not taken for stalled
        long stallMs = Math.max(3 * options.leaseMs(), 10 * pollMs);
        var settings = new Fleet.Settings(rescanMs, 5_000, 300_000, stallMs);
        try (DeploymentLauncher launcher = new DeploymentLauncher(root, options, operations, true)) {
            Fleet fleet = new Fleet(() -> active(scanStore, chosen, skipped, root), id -> {
                var runs = scanStore.runs(id);
                return runs.isEmpty() ? null : runs.getLast().heartbeatMs();
            }, d -> launcher.run(d.id()), System::currentTimeMillis, settings, line -> say(root, line));
            Thread main = Thread.currentThread();
            // SIGTERM: every runner ends its unit of work and its run cleanly, then the summary; the JVM waits for it
            java.util.concurrent.CountDownLatch summarised = new java.util.concurrent.CountDownLatch(1);
            Thread hook = new Thread(() -> {
                main.interrupt();
                try {
                    summarised.await(45, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException ignored) {
                    // the JVM halts anyway
                }
            }, "run-all-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            say(root, "fleet: running every active " + describe(chosen) + " deployment in this process (rescan every "
                    + rescanMs / 1000 + "s)");
            // bounded by bars or time: the fleet ends with its runners; unbounded, it waits for promotions
            boolean bounded = options.maxBars() > 0 || options.durationMs() > 0;
            fleet.run(() -> options.durationMs() == 0 || System.currentTimeMillis() - started < options.durationMs(), bounded, 1_000);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // the JVM is shutting down already
            }
            List<Fleet.Member> members = fleet.members();
            long refused = members.stream().filter(m -> m.state() == Fleet.State.REFUSED).count();
            say(root, "fleet: ended: " + members.size() + " deployments, " + members.stream().mapToInt(Fleet.Member::failures).sum()
                    + " runner failures, " + refused + " waiting for a person");
            for (Fleet.Member m : members) {
                say(root, "  " + m.id() + " (" + m.stage() + "): " + m.state().name().toLowerCase(Locale.ROOT) + ", " + m.starts()
                        + " starts; " + m.last());
            }
            summarised.countDown();
        }
    }

    /** The deployments --all runs now; the first time one is skipped, it says why. */
    private static List<LiveStore.Deployment> active(LiveStore store, Set<LiveStore.Stage> chosen, List<String> skipped,
                                                     HyperTraderCli root) {
        long now = System.currentTimeMillis();
        List<LiveStore.Deployment> out = new ArrayList<>();
        for (LiveStore.Deployment d : store.deployments()) {
            if (d.stopped()) {
                continue;
            }
            String why = !chosen.contains(d.stage()) ? d.stage().code() + " is not among --stage " + describe(chosen)
                    : DeploymentLauncher.notRunnable(d, now);
            if (why == null) {
                out.add(d);
            } else if (!skipped.contains(d.id())) {
                skipped.add(d.id());
                say(root, "fleet: skipping " + d.id() + ": " + why);
            }
        }
        return out;
    }

    private Set<LiveStore.Stage> stages() {
        if (stages == null || stages.isEmpty()) {
            return EnumSet.of(LiveStore.Stage.PAPER, LiveStore.Stage.TESTNET);
        }
        Set<LiveStore.Stage> out = EnumSet.noneOf(LiveStore.Stage.class);
        for (String s : stages) {
            try {
                out.add(LiveStore.Stage.valueOf(s.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw UserError.usage("--stage " + s + ": one of paper, testnet, mainnet");
            }
        }
        return out;
    }

    private static String describe(Set<LiveStore.Stage> stages) {
        List<String> names = new ArrayList<>();
        stages.forEach(s -> names.add(s.code()));
        return String.join(",", names);
    }

    private static void say(HyperTraderCli root, String line) {
        synchronized (root.out()) {
            root.out().println(line);
            root.out().flush();
        }
    }

    /** The lease timeout: given (at least 10 s and 3 polls), else 60 s or 3 polls when longer. */
    private long leaseTimeoutMs() {
        long floor = Math.max(DeploymentLease.MIN_TIMEOUT_MS, 3 * pollMs);
        if (leaseTimeout == null) {
            return Math.max(DeploymentLease.DEFAULT_TIMEOUT_MS, 3 * pollMs);
        }
        long ms = parseDuration("--lease-timeout", leaseTimeout);
        if (ms < floor) {
            throw UserError.usage("--lease-timeout " + leaseTimeout + ": must be at least " + floor / 1000 + "s (10s, and 3 times --poll-ms "
                    + pollMs + " so a live runner renews its lease well within it)");
        }
        return ms;
    }

    static long parseDuration(String s) {
        return parseDuration("--duration", s);
    }

    static long parseDuration(String option, String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.endsWith("ms")) {
                return Long.parseLong(t.substring(0, t.length() - 2));
            }
            long unit = switch (t.charAt(t.length() - 1)) {
                case 's' -> 1_000L;
                case 'm' -> 60_000L;
                case 'h' -> 3_600_000L;
                case 'd' -> 86_400_000L;
                default -> -1;
            };
            if (unit < 0) {
                return Long.parseLong(t);
            }
            long v = Long.parseLong(t.substring(0, t.length() - 1));
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v * unit;
        } catch (RuntimeException e) {
            throw UserError.usage(option + ": '" + s + "' is not a duration such as 90s, 15m or 8h");
        }
    }
}
