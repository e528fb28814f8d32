package io.hypertrader.cli;

import io.hypertrader.core.Network;
import io.hypertrader.core.UserError;
import io.hypertrader.data.HttpTransport;
import io.hypertrader.data.HyperliquidInfoClient;
import io.hypertrader.live.store.DbAccess;
import io.hypertrader.live.exchange.HyperliquidWebSocket;
import io.hypertrader.record.RecordSettings;
import io.hypertrader.record.Recorder;
import okhttp3.OkHttpClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.LongSupplier;

/** {@code hypertrader record}: grows the stored history past the exchange's window, until stopped. */
@Command(name = "record", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Record closed candles, funding and asset contexts into the database until stopped.",
                "WebSocket first, REST catch-up after any gap (start, disconnect, kill, sleep), until Ctrl-C / SIGTERM"
                        + " or --duration. The database is opened only for each write, so backtest and data list work"
                        + " while it runs. Keep it running with config/systemd/hypertrader-record.service (docs/data.md)."})
final class RecordCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--coin", paramLabel = "COIN", description = "A coin to record (repeat for more): BTC, ETH, kPEPE (case-sensitive).")
    List<String> coins;

    @Option(names = "--interval", paramLabel = "INTERVAL", description = "A candle interval to record (repeat for more): 1m 5m 15m 1h 4h 1d ...")
    List<String> intervals;

    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML file with the same settings (see config/record.yaml); flags given on the command line replace its values.")
    Path config;

    @Option(names = "--funding", negatable = true, description = "Record funding settlements of the perps (default on; --no-funding to skip).")
    Boolean funding;

    @Option(names = "--contexts", paramLabel = "PERIOD|off", description = "Asset-context sampling period (mark, oracle, open interest,"
            + " premium, funding rate, day volume): one sample per slot; 'off' to skip (default: 1m).")
    String contexts;

    @Option(names = "--close-grace", paramLabel = "D", description = "Read a closed bar over REST when the stream has not brought it this long after its close (default: 10s).")
    String closeGrace;

    @Option(names = "--confirm-after", paramLabel = "D", description = "Re-read bars written from the stream's last update over REST this"
            + " long after their close, for the exchange's final values (default: 5m; 0s reads every bar at once).")
    String confirmAfter;

    @Option(names = "--backfill-bars", paramLabel = "N", description = "Closed bars to read for a series not stored yet (0-5000; default 5000, all the exchange keeps).")
    Integer backfillBars;

    @Option(names = "--heartbeat", paramLabel = "D", description = "How often to write the status row and print a status line (default: 60s).")
    String heartbeat;

    @Option(names = "--name", paramLabel = "NAME", description = "This recorder's name in the status table; one running recorder per name (default: default).")
    String name;

    @Option(names = "--duration", paramLabel = "D", description = "Stop cleanly after this long, e.g. 90s, 15m, 8h (default: until stopped).")
    String duration;

    @Option(names = "--once", description = "Catch up over REST (candles, funding, one context sample) and exit: for cron instead of a service.")
    boolean once;

    /**
     * Test hook, not for users: {@code scaled:MARKET_MS:WALL_MS:FACTOR} runs the recorder on a
     * market clock that reads MARKET_MS at wall time WALL_MS and runs FACTOR times faster, so a
     * child-process test sees many bar closes in seconds. The WebSocket's timing stays on the wall.
     */
    @Option(names = "--clock", hidden = true)
    String clockSpec;

    @Override
    public Integer call() throws InterruptedException {
        HyperTraderCli root = HyperTraderCli.root(spec);
        RecordSettings settings = RecordSettings.resolve(config, new RecordSettings.Given(coins, intervals, funding, contexts,
                closeGrace, confirmAfter, backfillBars, heartbeat, name));
        LongSupplier clock = clock(clockSpec);
        long durationMs = duration == null ? 0 : RunCommand.parseDuration(duration);
        if (once && duration != null) {
            throw UserError.usage("give either --once or --duration, not both");
        }
        String url = root.apiUrl();
        HttpTransport transport = HttpTransport.create(url);
        Recorder.Log log = new Recorder.Log() {
            @Override
            public void info(String line) {
                if (!root.quiet()) {
                    root.out().println(line);
                    root.out().flush();
                }
            }

            @Override
            public void warn(String line) {
                root.err().println(line);
                root.err().flush();
            }
        };
        transport.onRetry(line -> log.warn("record: " + line));
        String source = "hyperliquid-" + root.network();
        Recorder.SocketFactory sockets = null;
        if (!once) {
            OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ZERO).connectTimeout(Duration.ofSeconds(10)).build();
            String wsUrl = Network.webSocketUrl(url);
            sockets = listener -> new HyperliquidWebSocket(http, wsUrl, HyperliquidWebSocket.Settings.DEFAULTS, listener,
                    System::currentTimeMillis);
        }
        Recorder recorder = new Recorder(settings, DbAccess.file(root.dbPath()), source, new HyperliquidInfoClient(transport), clock,
                log, sockets);
        // SIGTERM / Ctrl-C: let the loop finish its current write, write what is queued and the stop, then exit.
        Thread hook = new Thread(() -> {
            recorder.requestStop();
            try {
                recorder.awaitStopped(Duration.ofSeconds(25));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "record-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            recorder.start();
            if (once) {
                recorder.runOnce();
            } else {
                recorder.run(durationMs == 0 ? Long.MAX_VALUE : clock.getAsLong() + durationMs);
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down: the hook is running and waits for the loop, which has finished
            }
        }
        return 0;
    }

    /** The recorder's clock: the system's, or the hidden test hook's scaled market clock. */
    static LongSupplier clock(String spec) {
        if (spec == null) {
            return System::currentTimeMillis;
        }
        String[] p = spec.split(":");
        try {
            if (p.length != 4 || !p[0].equals("scaled")) {
                throw new IllegalArgumentException();
            }
            long market = Long.parseLong(p[1]);
            long wall = Long.parseLong(p[2]);
            long factor = Long.parseLong(p[3]);
            if (factor < 1) {
                throw new IllegalArgumentException();
            }
            return () -> market + (System.currentTimeMillis() - wall) * factor;
        } catch (IllegalArgumentException e) {
            throw UserError.usage("--clock '" + spec + "' is not scaled:MARKET_MS:WALL_MS:FACTOR");
        }
    }
}
