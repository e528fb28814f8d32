package io.hypertrader.backtest;

import io.hypertrader.store.BacktestJob;
import io.hypertrader.store.RunStore;
import io.hypertrader.analytics.Metrics;
import io.hypertrader.backtest.analysis.CycleLevels;
import io.hypertrader.store.ReportService;
import io.hypertrader.backtest.analysis.RunAdapter;
import io.hypertrader.config.ConfigLoader;
import io.hypertrader.config.StrategyConfig;
import io.hypertrader.core.Candle;
import io.hypertrader.core.CandleSeries;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Interval;
import io.hypertrader.core.Network;
import io.hypertrader.core.OrderStatus;
import io.hypertrader.core.RejectCode;
import io.hypertrader.data.CandleFiles;
import io.hypertrader.data.CandleStore;
import io.hypertrader.data.Database;
import io.hypertrader.exec.TrackedOrder;
import io.hypertrader.live.replay.PaperEngine;
import io.hypertrader.live.deployment.TradingPlan;
import io.hypertrader.report.ReportData;
import io.hypertrader.risk.RiskEvent;
import io.hypertrader.risk.RiskLimits;
import io.hypertrader.risk.RiskRule;
import io.hypertrader.sim.SimConfig;
import io.hypertrader.testdata.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Backtests behind the risk manager: the same rules as paper, recorded in the result, the database and the report. */
class RiskBacktestTest {
    private static final Coin BTC = Coin.of("BTC");
    private static final Path FIB = Path.of("config/fib-hedge.yaml");

    private static List<Candle> candles() {
        return CandleFiles.read(Path.of("datasets/synthetic-btc-1h.csv"), BTC, Interval.H1, Long.MAX_VALUE).candles();
    }

    private static CandleSeries series() {
        return CandleSeries.of(BTC, Interval.H1, candles());
    }

    /** The shipped config with other limits, as a stored run would carry them (the loader refuses these on purpose). */
    private static StrategyConfig withLimits(StrategyConfig c, RiskLimits limits) {
        return new StrategyConfig(c.name(), c.strategy(), c.initialEquity(), c.portfolio(), c.instruments(), limits,
                c.promotion(), c.json(), c.hash());
    }

    @Test
    void theIssuesDefaultLimitsRefuseTheShippedSizingAndEveryRefusalIsRecordedOnce(@TempDir Path reports) throws Exception {
        StrategyConfig shipped = ConfigLoader.load(FIB);
        // the issue's defaults (20% per coin against 2.7x entries), the order cap lifted so that the
        // position rule is the one that refuses (with the 25,000 cap the 27,000 entry is refused by it first)
        RiskLimits def = RiskLimits.DEFAULTS;
        RiskLimits limits = new RiskLimits(def.maxPositionFraction(), def.maxLeverage(), def.dailyLossFraction(),
                def.positionStopFraction(), def.maxOpenCoins(), 1e9, def.maxOrdersPerMinute(), def.maxPositionNotionalUsd());
        StrategyConfig cfg = withLimits(shipped, limits);
        try (Database db = Database.inMemory()) {
            new CandleStore(db, InstantSource.system()).upsert(BTC, Interval.H1, candles(), "synthetic");
            BacktestJob.Outcome o = BacktestJob.runAndStore(db, Network.MAINNET, cfg, SimConfig.REALISTIC, 7, Long.MIN_VALUE,
                    Long.MAX_VALUE, "test", 1_700_000_000_000L, "bt-risk");
            BacktestResult r = o.result();

            // result: every entry refused by POSITION_SIZE with the numbers, nothing reached the venue's books
            assertThat(r.riskEvents()).isNotEmpty().allSatisfy(e -> {
                assertThat(e.rule()).isEqualTo(RiskRule.POSITION_SIZE);
                assertThat(e.action()).isEqualTo(RiskEvent.Action.REFUSED);
                assertThat(e.reason()).contains("limit 20.0%");
            });
            assertThat(r.refusedOrders()).hasSize(r.riskEvents().size()).allSatisfy(t -> {
                assertThat(t.id()).isNegative();
                assertThat(t.status()).isEqualTo(OrderStatus.REJECTED);
                assertThat(t.rejectCode()).isEqualTo(RejectCode.RISK);
                assertThat(t.reason()).startsWith("POSITION_SIZE: ");
            });
            assertThat(r.refusedOrders()).extracting(TrackedOrder::id).doesNotHaveDuplicates();
            assertThat(r.fills()).isEmpty();
            assertThat(r.summary().finalEquity()).isEqualTo(r.summary().initialEquity());
            long venueRejected = r.orders().stream().filter(t -> t.status() == OrderStatus.REJECTED).count();
            assertThat(r.summary().rejectedCount()).isEqualTo(venueRejected + r.refusedOrders().size());
            assertThat(r.summary().orderCount()).isEqualTo(r.orders().size() + r.refusedOrders().size());
            assertThat(r.summary().riskEvents()).isEqualTo(r.riskEvents().size());
            // the refusals are decisions: the run without the risk manager has another event log
            BacktestResult bare = FibBacktest.run(cfg, List.of(series()), Map.of(), Map.of(), SimConfig.REALISTIC, 7, null);
            assertThat(bare.eventLogSha256()).isNotEqualTo(r.eventLogSha256());
            assertThat(bare.fills()).isNotEmpty();

            // database: the events in run_risk_events, each refused order once in run_orders and run_rejections
            String id = o.manifest().runId();
            assertThat(new RunStore(db).riskEvents(id)).isEqualTo(r.riskEvents());
            try (Statement st = db.connection().createStatement()) {
                assertThat(count(st, "SELECT count(*) FROM run_risk_events WHERE run_id = '" + id + "'")).isEqualTo(r.riskEvents().size());
                assertThat(count(st, "SELECT count(*) FROM run_rejections WHERE run_id = '" + id + "' AND code = 'RISK'"))
                        .isEqualTo(r.refusedOrders().size());
                assertThat(count(st, "SELECT count(*) FROM run_rejections WHERE run_id = '" + id + "'"))
                        .isEqualTo(r.summary().rejectedCount());
                assertThat(count(st, "SELECT count(*) FROM run_orders WHERE run_id = '" + id + "'")).isEqualTo(r.summary().orderCount());
                assertThat(count(st, "SELECT rejected_count FROM runs WHERE run_id = '" + id + "'")).isEqualTo(r.summary().rejectedCount());
            }

            // report: each refused order is one rejected row with its reason; the manifest lists the risk events
            RunAdapter a = new RunAdapter(r, List.of(series()), Map.of(BTC, CycleLevels.of(cfg.strategy())));
            Metrics m = a.metrics();
            ReportData d = a.reportData(id, "t", new LinkedHashMap<>(), m);
            List<ReportData.Order> rejected = d.orders().stream().filter(x -> x.status() == ReportData.OrderStatus.REJECTED).toList();
            assertThat(rejected).hasSize(r.summary().rejectedCount());
            assertThat(rejected.stream().filter(x -> x.reason().startsWith("risk: POSITION_SIZE: "))).hasSize(r.refusedOrders().size());
            Path html = ReportService.writeFor(db, o.manifest(), r, null, reports);
            String page = Files.readString(html);
            assertThat(page).contains("Rejections and partial fills").contains("risk: POSITION_SIZE: BTC position notional would be")
                    .contains("REFUSED POSITION_SIZE x" + r.riskEvents().size());
        }
    }

    private static int count(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void riskLimitedBacktestsAreDeterministic() {
        StrategyConfig cfg = ConfigLoader.load(FIB, Map.of("risk.dailyLossFraction", "0.05", "risk.positionStopFraction", "0.2"));
        CandleSeries s = Fixtures.btcHourlyLast(3000);
        BacktestResult a = FibBacktest.run(cfg, List.of(s), Map.of(), Map.of(), SimConfig.REALISTIC, 11);
        BacktestResult b = FibBacktest.run(cfg, List.of(s), Map.of(), Map.of(), SimConfig.REALISTIC, 11);
        assertThat(a.riskEvents()).extracting(RiskEvent::rule).contains(RiskRule.DAILY_LOSS, RiskRule.POSITION_STOP);
        assertThat(b.eventLogSha256()).isEqualTo(a.eventLogSha256());
        assertThat(b.riskEvents()).isEqualTo(a.riskEvents());
        assertThat(b.refusedOrders()).extracting(TrackedOrder::reason).isEqualTo(a.refusedOrders().stream().map(TrackedOrder::reason).toList());
        assertThat(EngineGoldenTest.seriesSha(b)).isEqualTo(EngineGoldenTest.seriesSha(a));
    }

    @Test
    void paperAndTheBacktestAgreeWhenTheLimitsBite() {
        // a 2% daily loss limit halts the 2.7x strategy on its bad days and refuses its re-entries
        StrategyConfig cfg = ConfigLoader.load(FIB, Map.of("risk.dailyLossFraction", "0.02"));
        long seed = 42;
        BacktestResult backtest = FibBacktest.run(cfg, List.of(series()), Map.of(), Map.of(), PaperEngine.PROFILE, seed);
        PaperEngine.Replay paper = PaperEngine.replay(TradingPlan.of(cfg), Map.of(BTC, candles()), seed, cfg.risk());
        assertThat(backtest.riskEvents()).extracting(RiskEvent::action).contains(RiskEvent.Action.HALTED, RiskEvent.Action.REFUSED);
        assertThat(paper.riskEvents()).isEqualTo(backtest.riskEvents());
        assertThat(paper.result().eventLogSha256()).isEqualTo(backtest.eventLogSha256());
        assertThat(paper.result().refusedOrders()).hasSameSizeAs(backtest.refusedOrders()).isNotEmpty();
        assertThat(paper.result().summary()).isEqualTo(backtest.summary());
    }
}
