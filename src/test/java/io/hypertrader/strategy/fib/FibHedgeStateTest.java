package io.hypertrader.strategy.fib;

import io.hypertrader.backtest.BacktestInput;
import io.hypertrader.backtest.BacktestResult;
import io.hypertrader.backtest.Backtester;
import io.hypertrader.backtest.Bars;
import io.hypertrader.backtest.FibRun;
import io.hypertrader.backtest.RestartingStrategy;
import io.hypertrader.kernel.StrategySlot;
import io.hypertrader.core.CandleSeries;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Instrument;
import io.hypertrader.core.Interval;
import io.hypertrader.exec.EventLog;
import io.hypertrader.portfolio.Account;
import io.hypertrader.sim.SimConfig;
import io.hypertrader.sim.SimulatedVenue;
import io.hypertrader.sim.model.FundingSchedule;
import io.hypertrader.sim.model.SimModels;
import io.hypertrader.strategy.CycleRecord;
import io.hypertrader.strategy.PositionExpectation;
import io.hypertrader.strategy.PositionExpectation.Reconciliation;
import io.hypertrader.strategy.StrategyContext;
import io.hypertrader.strategy.StrategyJournal;
import io.hypertrader.strategy.StrategyState;
import io.hypertrader.strategy.StrategyStateException;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The fib-hedge's state: every field survives the text bit for bit (bull and bear), the text is
 * in prices, a restored strategy tells the runner what it expects of the exchange and which
 * orders it waits on, and a state of another strategy, coin, thesis, parameter set or version
 * is refused with a clear message. The engine-level proof (a restart anywhere in a backtest
 * changes nothing) is {@code io.hypertrader.backtest.StrategyRestartTest}.
 */
class FibHedgeStateTest {

    /** Fields that are not state: what start(context) sets again, the quiet-bar probe's scratch flags, a cache, the sizing. */
    private static final Set<String> NOT_STATE = Set.of("p", "coin", "d", "venue", "journal", "szDecimals", "probing",
            // the sizing: the parameters' and the cycle cap a runner sets (FibSizing)
            "sizing",
            "wouldAct", "fingerprint",
            // the config's filters: rebuilt from the closed bars a runner replays at start, not restored (FilterGate)
            "filters",
            // what forced the fills of one order event (said right before it): never alive across a snapshot
            "forcedReason", "forcedLabel");
    private static final double Q = 270.0; // 10000 * 0.9 * 3 / 100, as in FibHedgeStrategyTest

    /** A context over a simulated venue of its own (flat account), as a restarted runner would give. */
    static StrategyContext context(Coin coin, StrategyJournal journal) {
        Instrument inst = Instrument.known(coin) != null ? Instrument.known(coin) : new Instrument(coin, 2, 20);
        SimulatedVenue venue = new SimulatedVenue(SimConfig.IDEAL, SimModels.of(SimConfig.IDEAL, 1),
                new Account(List.of(inst), 10_000), List.of(FundingSchedule.NONE), Interval.H1.millis(), new EventLog());
        return StrategyContext.of(venue, null, journal, List.of(coin));
    }

    /** A fresh strategy, started, restored from the text of {@code saved}: a restart. */
    static FibHedgeStrategy restart(FibHedgeParams p, StrategyState saved, StrategyJournal journal) {
        FibHedgeStrategy s = new FibHedgeStrategy(p);
        s.start(context(p.coin(), journal));
        s.restore(StrategyState.parse(saved.format()));
        return s;
    }

    private static List<Field> stateFields() {
        List<Field> out = new ArrayList<>();
        for (Field f : FibHedgeStrategy.class.getDeclaredFields()) {
            if (!Modifier.isStatic(f.getModifiers()) && !NOT_STATE.contains(f.getName())) {
                f.setAccessible(true);
                out.add(f);
            }
        }
        return out;
    }

    private static Object randomValue(Class<?> type, SplittableRandom rnd) {
        if (type == double.class) {
            return switch (rnd.nextInt(8)) {
                case 0 -> Double.NaN;
                case 1 -> Double.longBitsToDouble(rnd.nextLong() | 0x7ff0000000000001L); // any NaN
                case 2 -> rnd.nextBoolean() ? 0.0 : -0.0;
                case 3 -> rnd.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
                case 4 -> Double.longBitsToDouble(rnd.nextLong() & 0x800fffffffffffffL); // subnormal
                case 5 -> Double.longBitsToDouble(rnd.nextLong());
                default -> rnd.nextDouble(-1e5, 1e5);
            };
        }
        if (type == long.class) {
            return rnd.nextLong();
        }
        if (type == int.class) {
            return rnd.nextInt();
        }
        if (type == boolean.class) {
            return rnd.nextBoolean();
        }
        if (type == FibState.class) {
            return FibState.values()[rnd.nextInt(FibState.values().length)];
        }
        throw new AssertionError("a state field of type " + type + ": teach this test (and the schema) about it");
    }

    private static String bits(Object v) {
        return v instanceof Double x ? Long.toHexString(Double.doubleToRawLongBits(x)) : String.valueOf(v);
    }

    @Test
    void everyFieldSurvivesTheTextBitForBit() throws Exception {
        List<Field> fields = stateFields();
        // the schema's keys are these fields (the state is the text's first token) and the identity fields
        assertThat(FibHedgeStrategy.SCHEMA.keys()).hasSize(fields.size() - 1 + 3).contains("coin", "thesis", "params");
        SplittableRandom rnd = new SplittableRandom(42);
        for (Thesis thesis : Thesis.values()) {
            FibHedgeParams p = P.defaults().thesis(thesis).get();
            for (int trial = 0; trial < 300; trial++) {
                FibHedgeStrategy a = new FibHedgeStrategy(p);
                for (Field f : fields) {
                    f.set(a, randomValue(f.getType(), rnd));
                }
                String text = a.snapshot().format();
                FibHedgeStrategy b = new FibHedgeStrategy(p);
                b.restore(StrategyState.parse(text));
                for (Field f : fields) {
                    assertThat(bits(f.get(b))).as("%s %s after %s", thesis, f.getName(), text).isEqualTo(bits(f.get(a)));
                }
                assertThat(b.snapshot().format()).isEqualTo(text);
            }
        }
    }

    /** A DEEP bull cycle: E = 100, H = 130, levels 122.92 / 118.54 / 115, Lo = 114, net -0.25 Q. */
    private static FibRun deepBull() {
        return FibRun.run(P.defaults().get(), new Bars("BTC").flat(50, 100).to(110).to(120).to(130)
                .bar(130, 130, 114, 114.5).series(), SimConfig.IDEAL, 7);
    }

    @Test
    void theTextIsInPricesForBothTheses() {
        FibRun bull = deepBull();
        StrategyState s = bull.strategy.snapshot();
        assertThat(s.format()).startsWith("DEEP strategy=fib-hedge version=1 coin=BTC thesis=bull params=");
        assertThat(s.getDouble("e")).isEqualTo(100.0);
        assertThat(s.getDouble("h")).isEqualTo(130.0);
        assertThat(s.getDouble("lo")).isEqualTo(114.0);
        assertThat(s.getDouble("levelDeep")).isCloseTo(115.0, within(1e-9));
        assertThat(s.getDouble("pos")).isCloseTo(-0.25 * Q, within(1e-9));

        // the bear mirror (prices reflected around 200, fixed Q): H is the lowest price, the position long
        FibHedgeParams bearP = P.defaults().thesis(Thesis.BEAR).fixedQty(10).get();
        FibRun bear = FibRun.run(bearP, Bars.reflect(new Bars("BTC").flat(50, 100).to(110).to(120).to(130)
                .bar(130, 130, 114, 114.5).series(), 200), SimConfig.IDEAL, 7);
        StrategyState b = bear.strategy.snapshot();
        assertThat(b.name()).isEqualTo("DEEP");
        assertThat(b.text("thesis")).isEqualTo("bear");
        assertThat(b.getDouble("e")).isEqualTo(300.0);
        assertThat(b.getDouble("h")).isEqualTo(270.0);
        assertThat(b.getDouble("lo")).isEqualTo(286.0);
        assertThat(b.getDouble("levelDeep")).isCloseTo(285.0, within(1e-9));
        assertThat(b.getDouble("pos")).isCloseTo(0.25 * 10, within(1e-9)); // the bear's hedge is net long
        int last = bear.result.times().length - 1;
        FibHedgeStrategy again = restart(bearP, b, StrategyJournal.NONE);
        assertThat(again.expectation(bearP.coin()).position()).isCloseTo(bear.result.position()[0][last], within(1e-9));
        assertThat(again.expectation(bearP.coin()).target()).isCloseTo(2.5, within(1e-9));
        assertThat(again.summary()).startsWith("DEEP BTC bear cycle=0 Q=10 pos=2.5 E=300 H=270 Lo=286 levels=277.08/281.46/285");
    }

    @Test
    void aRestoredDeepShortExpectsItsShortAndHaltsOnAnythingElse() {
        FibRun r = deepBull();
        FibHedgeParams p = r.strategy.params();
        FibHedgeStrategy s = restart(p, r.strategy.snapshot(), StrategyJournal.NONE);
        PositionExpectation x = s.expectation(p.coin());
        int last = r.result.times().length - 1;
        double exchange = r.result.position()[0][last];
        assertThat(exchange).isCloseTo(-0.25 * Q, within(1e-9));
        assertThat(x.state()).isEqualTo("DEEP");
        assertThat(x.position()).isCloseTo(exchange, within(1e-9));
        assertThat(x.target()).isCloseTo(-0.25 * Q, within(1e-9));
        assertThat(x.atTarget()).isTrue();
        assertThat(x.willTrade()).isFalse();
        assertThat(x.ordersInFlight()).isEmpty();
        // the exchange as the strategy left it: resume without an order
        assertThat(x.reconcile(exchange)).isEqualTo(Reconciliation.RESUME);
        assertThat(x.reconcile(exchange + 1e-6)).as("below the size grid").isEqualTo(Reconciliation.RESUME);
        assertThat(x.reconcile(exchange + 0.08)).as("$9.2 at 114.5: below the minimum order").isEqualTo(Reconciliation.RESUME);
        assertThat(x.reconcile(exchange + 0.09)).as("$10.3 at 114.5: a difference it would trade").isEqualTo(Reconciliation.HALT);
        // the restart bug of issue 10 (a DEEP short came back as a full long), a manual close, a fill missed while down
        assertThat(x.reconcile(Q)).isEqualTo(Reconciliation.HALT);
        assertThat(x.reconcile(0)).isEqualTo(Reconciliation.HALT);
        assertThat(x.reconcile(exchange - 1)).isEqualTo(Reconciliation.HALT);
        assertThat(x.describe(0)).isEqualTo("DEEP BTC: strategy holds -67.5 (target -67.5, at target); exchange holds 0:"
                + " differ by 67.5 BTC");
        assertThat(s.summary()).isEqualTo("DEEP BTC bull cycle=0 Q=270 pos=-67.5 E=100 H=130 Lo=114"
                + " levels=122.92/118.54/115 S=122.92");
    }

    @Test
    void aTransitionDecidedButNotTradedIsCompletedAndAGivenUpOneIsLeftAlone() {
        FibRun r = deepBull();
        FibHedgeParams p = r.strategy.params();
        String text = r.strategy.snapshot().format();
        assertThat(text).contains(" dirty=false ", " gaveUp=false ");
        // as journaled right after the DEEP decision, before its order went out
        FibHedgeStrategy decided = restart(p, StrategyState.parse(text.replace(" dirty=false ", " dirty=true ")), StrategyJournal.NONE);
        PositionExpectation x = decided.expectation(p.coin());
        assertThat(x.atTarget()).isFalse();
        assertThat(x.willTrade()).isTrue();
        assertThat(x.reconcile(-0.25 * Q)).isEqualTo(Reconciliation.COMPLETE);
        assertThat(x.reconcile(Q)).isEqualTo(Reconciliation.HALT);
        assertThat(decided.summary()).endsWith(" to-trade");
        // after three refusals the strategy waits for its next transition: nothing to send on restart either
        FibHedgeStrategy gaveUp = restart(p, StrategyState.parse(text.replace(" dirty=false ", " dirty=true ")
                .replace(" gaveUp=false ", " gaveUp=true ")), StrategyJournal.NONE);
        assertThat(gaveUp.expectation(p.coin()).reconcile(-0.25 * Q)).isEqualTo(Reconciliation.RESUME);
        assertThat(gaveUp.summary()).endsWith(" gave-up");
    }

    @Test
    void aRestingEntryLimitIsAnOrderInFlightAndNoPosition() {
        FibHedgeParams p = P.defaults().entry(50, 95).get();
        CandleSeries bars = new Bars("BTC").flat(50, 100).bar(100, 100, 96, 98).series();
        RestartingStrategy run = new RestartingStrategy(p, i -> false, 0, 0);
        BacktestResult result = Backtester.run(new BacktestInput(List.of(bars), Map.of(), List.of(Instrument.known(p.coin())),
                SimConfig.IDEAL, 7, 10_000), List.of(new StrategySlot(run, List.of(p.coin()))));
        StrategyState s = run.atFinish(); // when the run stopped, before the backtest cancelled the resting order
        long id = s.getLong("entryLimit");
        assertThat(result.orders()).hasSize(1);
        assertThat(id).isEqualTo(result.orders().get(0).id());
        assertThat(result.orders().get(0).request().limitPrice()).isEqualTo(95.0);
        FibHedgeStrategy again = restart(p, s, StrategyJournal.NONE);
        PositionExpectation x = again.expectation(p.coin());
        assertThat(s.name()).isEqualTo("FULL");
        assertThat(x.ordersInFlight()).containsExactly(id);
        assertThat(x.position()).isZero();
        assertThat(x.target()).isCloseTo(10_000 * 0.9 * 3 / 95.0, within(1e-5));
        assertThat(x.atTarget()).isFalse();
        assertThat(x.willTrade()).as("it waits for its limit, it sends nothing").isFalse();
        assertThat(x.reconcile(0)).isEqualTo(Reconciliation.RESUME);
        // the limit filled while the runner was down and the fill was not handed back: the runner must not guess
        assertThat(x.reconcile(x.target())).isEqualTo(Reconciliation.HALT);
        assertThat(again.summary()).startsWith("FULL BTC bull cycle=0 Q=284.21052 pos=0 E=- H=100 stop=-inf unarmed")
                .endsWith(" entry-limit=" + id);
    }

    @Test
    void finishReportsTheOpenCycleAndKeepsTheState() {
        FibRun r = deepBull();
        FibHedgeParams p = r.strategy.params();
        StrategyState before = r.strategy.snapshot(); // after the backtest's own finish
        assertThat(before.getBoolean("cycleOpen")).as("finish leaves the cycle open").isTrue();
        List<CycleRecord> reported = new ArrayList<>();
        FibHedgeStrategy again = restart(p, before, reported::add);
        again.finish(Bars.T0 + 60 * 3_600_000L);
        assertThat(reported).hasSize(1);
        assertThat(reported.get(0).complete()).isFalse();
        assertThat(reported.get(0).maxState()).isEqualTo("DEEP");
        assertThat(reported.get(0).index()).isZero();
        assertThat(again.snapshot()).isEqualTo(before);
    }

    @Test
    void aStateOfAnotherStrategyCoinThesisParameterSetOrVersionIsRefused() {
        FibRun r = deepBull();
        FibHedgeParams p = r.strategy.params();
        String text = r.strategy.snapshot().format();
        assertThatThrownBy(() -> fresh(p).restore(StrategyState.parse(text.replace("strategy=fib-hedge", "strategy=grid"))))
                .isInstanceOf(StrategyStateException.class)
                .hasMessage("a grid state cannot be restored into a fib-hedge strategy");
        assertThatThrownBy(() -> fresh(p.withCoin(Coin.of("ETH"))).restore(StrategyState.parse(text)))
                .hasMessage("state field 'coin' is BTC but this strategy's is ETH: the state belongs to another coin");
        assertThatThrownBy(() -> fresh(P.defaults().thesis(Thesis.BEAR).get()).restore(StrategyState.parse(text)))
                .hasMessage("state field 'thesis' is bull but this strategy's is bear: the state belongs to the other thesis");
        FibHedgeParams otherLevels = new FibHedgeParams(p.coin(), p.interval(), p.thesis(), p.trigger(),
                new FibHedgeParams.Levels(0.25, 0.382, 0.5, List.of(0.618)), p.exposure(), p.arm(), p.entry(), p.hedgeExit(),
                p.reversal(), p.longStop(), p.sizing(), p.profit());
        assertThatThrownBy(() -> fresh(otherLevels).restore(StrategyState.parse(text)))
                .hasMessageStartingWith("state field 'params' is " + p.fingerprint() + " but this strategy's is "
                        + otherLevels.fingerprint() + ": the strategy's trading parameters changed");
        // chart-only ratios decide nothing: a state survives a change of them
        FibHedgeParams otherChart = new FibHedgeParams(p.coin(), p.interval(), p.thesis(), p.trigger(),
                new FibHedgeParams.Levels(0.236, 0.382, 0.5, List.of(0.618, 0.786)), p.exposure(), p.arm(), p.entry(),
                p.hedgeExit(), p.reversal(), p.longStop(), p.sizing(), p.profit());
        fresh(otherChart).restore(StrategyState.parse(text));
        assertThatThrownBy(() -> fresh(p).restore(StrategyState.parse(text.replace("version=1", "version=2"))))
                .hasMessage("the fib-hedge state is version 2 but this build reads version 1 (it was written by a newer build)");
    }

    @Test
    void aDamagedStateIsRefusedWholeAndLeavesTheStrategyFresh() {
        FibRun r = deepBull();
        FibHedgeParams p = r.strategy.params();
        String text = r.strategy.snapshot().format();
        String freshText = new FibHedgeStrategy(p).snapshot().format();
        List<String[]> damage = List.of(
                new String[]{text.replaceAll(" atr=\\S+", ""), "the fib-hedge version 1 state lacks [atr]"},
                new String[]{text + " bonus=1", "the fib-hedge version 1 state has unknown fields [bonus]"},
                new String[]{text.replaceAll(" price=\\S+", " price=abc"), "state field 'price' is 'abc': not a number"},
                new String[]{text.replace(" armed=true", " armed=yes"), "state field 'armed' is 'yes': not true or false"},
                new String[]{text.replace(" maxState=DEEP", " maxState=DEEPEST"),
                        "state field 'maxState' is 'DEEPEST': not one of FLAT, FULL, HEDGED, SCALED, DEEP, RECOVERING"},
                new String[]{text.replaceFirst("^DEEP", "PANIC"),
                        "state field 'state' is 'PANIC': not one of FLAT, FULL, HEDGED, SCALED, DEEP, RECOVERING"});
        for (String[] d : damage) {
            assertThat(d[0]).isNotEqualTo(text);
            FibHedgeStrategy s = fresh(p);
            assertThatThrownBy(() -> s.restore(StrategyState.parse(d[0]))).isInstanceOf(StrategyStateException.class)
                    .hasMessage(d[1]);
            assertThat(s.snapshot().format()).as("nothing half-restored").isEqualTo(freshText);
        }
        // a strategy that has already run is not a restart target
        assertThatThrownBy(() -> r.strategy.restore(StrategyState.parse(text)))
                .hasMessageStartingWith("restore needs a fresh fib-hedge strategy for BTC; this one has already run (DEEP BTC");
    }

    private static FibHedgeStrategy fresh(FibHedgeParams p) {
        return new FibHedgeStrategy(p);
    }
}
