package io.hypertrader.live.replay;

import io.hypertrader.core.Coin;
import io.hypertrader.core.Instrument;
import io.hypertrader.exec.EventLog;
import io.hypertrader.kernel.StrategySlot;
import io.hypertrader.kernel.TradingKernel;
import io.hypertrader.live.deployment.TradingPlan;
import io.hypertrader.portfolio.Account;
import io.hypertrader.risk.RiskEvent;
import io.hypertrader.risk.RiskGuardedStrategy;
import io.hypertrader.risk.RiskManager;
import io.hypertrader.sim.RealTimeSimulation;
import io.hypertrader.sim.SimulatedVenue;
import io.hypertrader.sim.model.FundingSchedule;
import io.hypertrader.sim.model.SimModels;
import io.hypertrader.strategy.StatefulStrategy;
import io.hypertrader.strategy.fib.FibHedgeParams;
import io.hypertrader.strategy.fib.StrategyKinds;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * What a paper run trades on, built one way for the real-time runner ({@code runner.PaperRunner}) and
 * for the replay of its recorded stream ({@link StreamReplay}): the simulated venue with the
 * {@code realistic} profile, driven along live points ({@link RealTimeSimulation}), the
 * config's strategies behind one account-wide risk manager, and the one kernel.
 *
 * @param strategies each coin's strategy (unguarded: the state a runner journals)
 */
public record PaperSimulation(SimulatedVenue venue, RealTimeSimulation sim, TradingKernel kernel,
                              Map<Coin, StatefulStrategy> strategies) {

    /**
     * Why warm-up orders are refused (a strategy may decide on history; only live prices trade):
     * the paper and live runners while they warm up, and the replay of a paper stream.
     */
    public static final String WARMING = "warming up on recorded bars: orders start with the live feed";

    /** Funding is paid on the hour at the live rate ({@link SimulatedVenue#payFundingNow}), not from a schedule. */
    static List<FundingSchedule> liveFunding(int coins) {
        List<FundingSchedule> none = new ArrayList<>();
        for (int i = 0; i < coins; i++) {
            none.add(FundingSchedule.NONE);
        }
        return none;
    }

    /** A fresh paper account at {@code capital}, its coins in the plan's order. */
    public static Account account(TradingPlan plan, double capital) {
        List<Instrument> instruments = new ArrayList<>();
        for (Coin coin : plan.coins()) {
            instruments.add(plan.instrument(coin));
        }
        return new Account(instruments, capital);
    }

    /**
     * @param account  the paper account (fresh, or rebuilt from a journal)
     * @param seed     the simulator's seed (a runner's: the deployment's seed + its run number)
     * @param cap      each entry sized to at most this notional, USDC (infinity: none)
     * @param clock    the wall clock of a live run, or null: replay time
     * @param risk     where risk events go
     * @param sizing   told when the cap cut a cycle's size (coin, message)
     */
    public static PaperSimulation build(TradingPlan plan, io.hypertrader.risk.RiskLimits limits, Account account, long seed, double cap,
                                 LongSupplier clock, Consumer<RiskEvent> risk, BiConsumer<Coin, String> sizing) {
        long barMs = plan.interval().millis();
        SimulatedVenue venue = new SimulatedVenue(PaperEngine.PROFILE, SimModels.of(PaperEngine.PROFILE, seed), account,
                liveFunding(plan.coins().size()), barMs, new EventLog());
        RealTimeSimulation sim = new RealTimeSimulation(venue, plan.coins().size(), barMs);
        RiskManager manager = new RiskManager(limits, risk); // one for the account: its limits are account-wide
        List<StrategySlot> slots = new ArrayList<>();
        Map<Coin, StatefulStrategy> strategies = new LinkedHashMap<>();
        for (FibHedgeParams p : plan.perCoin()) {
            // the config's strategy: the hedge, or a ta4j-rules strategy
            StatefulStrategy strategy = StrategyKinds.createStateful(p, cap, m -> sizing.accept(p.coin(), m));
            strategies.put(p.coin(), strategy);
            slots.add(new StrategySlot(new RiskGuardedStrategy(strategy, manager), List.of(p.coin())));
        }
        TradingKernel kernel = new TradingKernel(plan.coins(), slots, plan.interval(), clock);
        return new PaperSimulation(venue, sim, kernel, strategies);
    }
}
