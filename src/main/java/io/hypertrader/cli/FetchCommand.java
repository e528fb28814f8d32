package io.hypertrader.cli;

import io.hypertrader.core.Coin;
import io.hypertrader.core.Interval;
import io.hypertrader.data.Database;
import io.hypertrader.data.HttpTransport;
import io.hypertrader.data.HyperliquidInfoClient;
import io.hypertrader.data.MarketDataFetcher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.time.InstantSource;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code hypertrader fetch}: candles, funding and meta from Hyperliquid into the database. */
@Command(name = "fetch", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fetch candles (and funding and meta for perps) from Hyperliquid into the database.",
                "Only what is missing is fetched, so an interrupted fetch resumes where it stopped.",
                "Hyperliquid keeps only the most recent 5000 candles of each coin and interval;",
                "the still-forming candle is never stored."})
final class FetchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--coin", required = true, paramLabel = "COIN", description = "Coin as Hyperliquid names it (BTC, ETH, kPEPE; case-sensitive).")
    String coin;

    @Option(names = "--interval", required = true, paramLabel = "INTERVAL", description = "Bar interval: 1m 3m 5m 15m 30m 1h 2h 4h 8h 12h 1d 3d 1w 1M.")
    String interval;

    @Option(names = "--candles", paramLabel = "N", description = "The most recent N candles, counting the forming one (default and maximum 5000).")
    Integer candles;

    @Option(names = "--from", paramLabel = "TIME", description = "First bar open: epoch ms or ISO-8601 UTC (2024-01-31, 2024-01-31T12:00Z).")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "Last bar open (default: now).")
    String to;

    @Option(names = "--funding", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also fetch the funding history over the same range (perps; default on; --no-funding to skip).")
    boolean funding;

    @Override
    public Integer call() {
        HyperTraderCli root = HyperTraderCli.root(spec);
        Coin c = CliArgs.coin(coin);
        Interval iv = CliArgs.interval(interval);
        MarketDataFetcher.Request req = new MarketDataFetcher.Request(c, iv, candles,
                CliTimes.parse("--from", from), CliTimes.parse("--to", to), funding);
        String url = root.apiUrl();
        HttpTransport transport = HttpTransport.create(url);
        MarketDataFetcher.Result r;
        String source;
        try (Database db = Database.open(root.dbPath())) {
            FetchProgress progress = new FetchProgress(root.err(), root.quiet(), c + " " + iv);
            try (progress) {
                transport.onRetry(progress::log);
                MarketDataFetcher fetcher = new MarketDataFetcher(db, new HyperliquidInfoClient(transport), root.network(),
                        InstantSource.system());
                source = fetcher.source();
                r = fetcher.fetch(req, progress);
            }
        }
        // After the progress bar is closed, so the result line stands alone.
        root.out().println(String.format(Locale.ROOT,
                "%s %s: %d new candles (%d written) from %s; window %s .. %s, %d bars, %d still missing%s",
                c, iv, r.candlesNew(), r.candlesWritten(), source, CliTimes.iso(r.windowFirstOpen()),
                CliTimes.iso(r.windowLastOpen()), r.wantedBars(), r.missingAfter(),
                req.funding() && req.perp() ? "; funding: " + r.fundingNew() + " new settlements" : ""));
        root.out().flush();
        return 0;
    }
}
