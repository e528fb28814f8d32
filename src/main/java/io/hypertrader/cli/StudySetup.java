package io.hypertrader.cli;

import io.hypertrader.store.BacktestJob;
import io.hypertrader.backtest.sweep.FibTrialFactory;
import io.hypertrader.backtest.sweep.FibTrialSource;
import io.hypertrader.store.SweepStore;
import io.hypertrader.config.ConfigLoader;
import io.hypertrader.config.StrategyConfig;
import io.hypertrader.core.CandleSeries;
import io.hypertrader.core.Network;
import io.hypertrader.core.UserError;
import io.hypertrader.data.Database;
import io.hypertrader.sim.SimConfig;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SequencedMap;

/**
 * What sweep, montecarlo and walkforward share: the config read once (and bound through the
 * config loader per parameter set, {@code sim.*} paths to the simulator), the candles, funding and
 * grids loaded once from the database, the trial factory over them, and the manifest.
 */
final class StudySetup {
    final Path configPath;
    final String configText;
    final StrategyConfig base;
    final SimConfig baseSim;
    final List<CandleSeries> candles;
    final FibTrialFactory factory;
    final int threads;
    /** The --set, --coin and --interval flags as applied, one per line, or "(none)". */
    final String selected;
    /** The --detail interval ("1m"), or "(none)". */
    final String detail;
    /** The same factory in the form that travels to other machines (encoded on first use: --engine spark). */
    private final java.util.function.Supplier<FibTrialSource> portable;

    private StudySetup(Path configPath, String configText, StrategyConfig base, SimConfig baseSim,
                       List<CandleSeries> candles, FibTrialFactory factory, int threads, String selected, String detail,
                       java.util.function.Supplier<FibTrialSource> portable) {
        this.configPath = configPath;
        this.portable = portable;
        this.detail = detail;
        this.selected = selected;
        this.configText = configText;
        this.base = base;
        this.baseSim = baseSim;
        this.candles = candles;
        this.factory = factory;
        this.threads = threads;
    }

    static StudySetup load(StudyOptions o, Database db, Network network) {
        Path cfgPath = o.config != null ? o.config : Path.of(BacktestCommand.DEFAULT_CONFIG);
        String text = ConfigLoader.readText(cfgPath);
        String prof = o.profile == null ? null : o.profile.trim().toLowerCase(Locale.ROOT);
        if (prof != null && !List.of("ideal", "seed", "realistic").contains(prof)) {
            throw UserError.usage("--profile '" + o.profile + "': expected ideal, seed or realistic");
        }
        if (o.threads != null && o.threads < 1) {
            throw UserError.usage("--threads must be >= 1, got " + o.threads);
        }
        String source = cfgPath.toString();
        // --set, --coin and --interval apply to every trial, under the trial's own --param values.
        Map<String, String> selected = o.selection.overrides();
        String simText = o.sim == null ? null : ConfigLoader.readText(o.sim);
        StudyBinder binder = new StudyBinder(text, source, new LinkedHashMap<>(selected), prof, simText,
                o.sim == null ? null : o.sim.toString());
        StrategyConfig cfg = ConfigLoader.parse(text, source, selected);
        o.selection.checkCoinFits(cfg, cfgPath);
        SimConfig baseSim = binder.bind(new LinkedHashMap<>()).sim();
        long fromMs = o.selection.fromMs();
        long toMs = o.selection.toMs();
        BacktestJob.Inputs in = BacktestJob.loadInputs(db, network, cfg, fromMs, toMs, source);
        List<CandleSeries> series = in.series();
        Map<io.hypertrader.core.Coin, CandleSeries> detail = Map.of();
        String detailCode = "(none)";
        if (o.detail != null) {
            io.hypertrader.core.Interval d;
            try {
                d = io.hypertrader.core.Interval.parse(o.detail.trim());
            } catch (IllegalArgumentException e) {
                throw UserError.usage("--detail '" + o.detail + "': " + e.getMessage());
            }
            detail = BacktestJob.loadDetail(db, series, d);
            detailCode = d.code() + " (" + detail.size() + " of " + series.size() + " coins have " + d.code() + " candles stored)";
        }
        int threads = o.threads != null ? o.threads : Runtime.getRuntime().availableProcessors();
        Map<io.hypertrader.core.Coin, CandleSeries> detailSeries = detail;
        return new StudySetup(cfgPath, text, cfg, baseSim, series,
                new FibTrialFactory(binder, series, in.funding(), in.gridList(), detail), threads, o.selection.describe(),
                detailCode, () -> FibTrialSource.of(binder, series, in.funding(), in.gridList(), detailSeries));
    }

    /** The trial factory as a {@link FibTrialSource}: config text and data, for engines on other machines. */
    FibTrialSource portable() {
        return portable.get();
    }

    /** "20261122-013000-ab12cd": UTC time of the start and 6 hex digits of what was asked. */
    static String id(long now, String what) {
        return DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).format(Instant.ofEpochMilli(now)
                .atOffset(ZoneOffset.UTC)) + "-" + ConfigLoader.sha256(what + "@" + now).substring(0, 6);
    }

    long fromMs() {
        return candles.stream().mapToLong(c -> c.openTime(0)).min().orElse(0);
    }

    long toMs() {
        return candles.stream().mapToLong(c -> c.openTime(c.size() - 1) + c.interval().millis()).max().orElse(0);
    }

    int bars() {
        return candles.stream().mapToInt(CandleSeries::size).sum();
    }

    /** The manifest every study report starts with. */
    SequencedMap<String, String> manifest(String kind, String id, List<String> params, long createdMs) {
        SequencedMap<String, String> m = new LinkedHashMap<>();
        m.put(kind + " id", id);
        m.put("created", Instant.ofEpochMilli(createdMs).toString());
        m.put("config file", configPath.toString());
        m.put("config name", base.name());
        m.put("config hash", "sha256:" + base.hash() + " (with --set, --coin and --interval; without the --param values)");
        m.put("--set, --coin, --interval", selected);
        m.put("--param", params.isEmpty() ? "(none)" : String.join("\n", params));
        m.put("simulator", baseSim.profile() + ", path " + baseSim.path().label());
        m.put("--detail", detail);
        String coins = String.join(",", candles.stream().map(c -> c.coin().name()).toList());
        m.put("data", coins + " " + candles.get(0).interval().code() + ", " + bars() + " bars, "
                + Instant.ofEpochMilli(fromMs()) + " to " + Instant.ofEpochMilli(toMs()));
        m.put("threads", Integer.toString(threads));
        m.put("code version", VersionProvider.version());
        m.put("config", configText);
        return m;
    }

    SweepStore.SweepRow row(String id, String kind, long createdMs, List<String> params, int seeds, long baseSeed,
                            int configurations, int trials, double variance, long elapsedMs,
                            SequencedMap<String, String> manifest) {
        SequencedMap<String, String> stored = new LinkedHashMap<>(manifest);
        stored.remove("config");
        return new SweepStore.SweepRow(id, kind, createdMs, configPath.toString(), base.hash(), params, seeds, baseSeed,
                threads, configurations, trials, variance, fromMs(), toMs(), bars(), VersionProvider.version(), elapsedMs,
                stored);
    }

    static String dataFix(StudyOptions o) {
        if (o.selection.coin != null || o.selection.interval != null) {
            return CliArgs.fixCommand(CliArgs.coin(o.selection.coin == null ? "BTC" : o.selection.coin),
                    CliArgs.interval(o.selection.interval == null ? "1h" : o.selection.interval));
        }
        return "hypertrader fetch --coin BTC --interval 1h (or: " + BacktestCommand.SHIPPED_IMPORT + ")";
    }
}
