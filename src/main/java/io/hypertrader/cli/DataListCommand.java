package io.hypertrader.cli;

import io.hypertrader.data.AssetContextStore;
import io.hypertrader.data.CandleStore;
import io.hypertrader.data.Database;
import io.hypertrader.data.FundingStore;
import io.hypertrader.data.SeriesSources;
import io.hypertrader.data.SeriesSummary;
import io.hypertrader.record.RecorderStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code hypertrader data list}: one row per stored series, then the recorders' status. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"List the stored series: rows, first and last bar open (UTC), gaps, source and what wrote them.",
                "Gaps are counted in missing bars; 'via' names the commands that wrote a series (fetch, import, record).",
                "Then funding and asset contexts per coin, and each recorder's status (running, stopped, silent) with"
                        + " its last write."})
final class DataListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        HyperTraderCli root = HyperTraderCli.root(spec);
        try (Database db = Database.openReadOnly(root.dbPath(), CliArgs.fixCommand(null, null))) {
            List<SeriesSummary> list = new CandleStore(db, InstantSource.system()).list();
            List<FundingStore.Summary> funding = new FundingStore(db, InstantSource.system()).list();
            List<AssetContextStore.Summary> contexts = new AssetContextStore(db).list();
            List<SeriesSources.Entry> writers = SeriesSources.list(db);
            List<RecorderStatus> recorders = RecorderStatus.list(db);
            PrintWriter out = root.out();
            if (list.isEmpty() && funding.isEmpty() && contexts.isEmpty()) {
                root.err().println("no candles in " + root.dbPath() + "; get some with: " + CliArgs.fixCommand(null, null));
            }
            if (!list.isEmpty()) {
                String fmt = "%-10s %-8s %8s  %-20s  %-20s  %-14s  %-20s  %s%n";
                out.printf(Locale.ROOT, fmt, "coin", "interval", "rows", "first (UTC)", "last (UTC)", "gaps (bars)", "source", "via");
                for (SeriesSummary s : list) {
                    out.printf(Locale.ROOT, fmt, s.coin(), s.interval(), s.rows(), CliTimes.iso(s.firstOpenMs()),
                            CliTimes.iso(s.lastOpenMs()), s.gaps().size() + " (" + s.missingBars() + ")", s.source(),
                            SeriesSources.writers(writers, SeriesSources.CANDLES, s.coin(), s.interval().code()));
                }
            }
            if (!funding.isEmpty() || !contexts.isEmpty()) {
                String fmt = "%-10s %-15s %8s  %-24s  %-24s  %-20s  %s%n";
                out.println();
                out.printf(Locale.ROOT, fmt, "coin", "series", "rows", "first (UTC)", "last (UTC)", "source", "via");
                for (FundingStore.Summary f : funding) {
                    out.printf(Locale.ROOT, fmt, f.coin(), "funding", f.rows(), CliTimes.iso(f.firstMs()), CliTimes.iso(f.lastMs()),
                            f.source(), SeriesSources.writers(writers, SeriesSources.FUNDING, f.coin(), ""));
                }
                for (AssetContextStore.Summary c : contexts) {
                    out.printf(Locale.ROOT, fmt, c.coin(), "asset contexts", c.rows(), CliTimes.iso(c.firstMs()), CliTimes.iso(c.lastMs()),
                            c.source(), SeriesSources.writers(writers, SeriesSources.ASSET_CTX, c.coin(), ""));
                }
            }
            if (!recorders.isEmpty()) {
                out.println();
                long now = System.currentTimeMillis();
                String host = RecorderStatus.thisHost();
                for (RecorderStatus r : recorders) {
                    out.println(describe(r, now, host));
                }
            }
            out.flush();
        }
        return 0;
    }

    /** One line per recorder: state, process, since when, last write and heartbeat (with their age), what it records. */
    static String describe(RecorderStatus r, long now, String host) {
        String state = switch (r.state(now, host)) {
            case RUNNING -> "running";
            case STOPPED -> "stopped at " + CliTimes.iso(r.stoppedAtMs());
            case SILENT -> "silent since " + CliTimes.iso(r.heartbeatMs()) + " (killed, crashed or asleep; it catches up when started again)";
        };
        return "recorder " + r.name() + ": " + state + "; pid " + r.pid() + " on " + r.host() + ", started " + CliTimes.iso(r.startedAtMs())
                + "; last write " + (r.lastWriteMs() == null ? "none" : CliTimes.iso(r.lastWriteMs()) + " (" + ago(now, r.lastWriteMs()) + ")")
                + "; heartbeat " + CliTimes.iso(r.heartbeatMs()) + " (" + ago(now, r.heartbeatMs()) + ")"
                + (r.note() == null ? "" : "; " + r.note()) + "; " + r.series();
    }

    private static String ago(long now, long then) {
        long s = Math.max(0, (now - then) / 1000);
        if (s < 120) {
            return s + " s ago";
        }
        if (s < 7200) {
            return s / 60 + " min ago";
        }
        return s / 3600 + " h ago";
    }
}
