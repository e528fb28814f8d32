package io.hypertrader.live.replay;

import io.hypertrader.core.Candle;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Fill;
import io.hypertrader.core.Interval;
import io.hypertrader.live.LiveFixtures;
import io.hypertrader.live.deployment.CapitalSizing;
import io.hypertrader.live.deployment.TradingPlan;
import io.hypertrader.risk.RiskLimits;
import io.hypertrader.risk.RiskRule;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A position cap below the config's entry: the replay as a backtest has it sizes its entries down
 * to the cap (issue 12), and with the cycle cap the runners set the same candles trade, every
 * cycle sized under the cap.
 */
class CycleCapReplayTest {

    static final Coin BTC = Coin.of("BTC");

    @Test
    void aCapBelowTheEntryScalesCyclesInsteadOfRefusingThem() {
        TradingPlan plan = LiveFixtures.plan(BTC, Interval.M1, "0".repeat(64));
        Map<Coin, List<Candle>> candles = Map.of(BTC, LiveFixtures.candles(7, 600, 1_800_000_000_000L, 30_000));
        RiskLimits capped = plan.risk().withMaxPositionNotionalUsd(50); // the config sizes 1,800 USDC entries

        // Since issue 12's fix the strategy itself sizes down to the risk manager's caps (before, the
        // backtest refused every entry here and froze); the runners' cycle cap agrees with it.
        PaperEngine.Replay backtest = PaperEngine.replay(plan, candles, 42L, capped);
        assertThat(backtest.result().fills()).as("sized down to the risk cap, the backtest trades").isNotEmpty();
        Fill firstOfBacktest = backtest.result().fills().get(0);
        assertThat(firstOfBacktest.size() * firstOfBacktest.price()).isGreaterThan(40).isLessThanOrEqualTo(50 * 1.01);
        assertThat(backtest.riskEvents()).noneMatch(e -> e.rule() == RiskRule.POSITION_CAP && e.timeMs() == firstOfBacktest.timeMs());

        PaperEngine.Replay scaled = PaperEngine.replay(plan, candles, 42L, capped, plan.initialEquity(), CapitalSizing.cycleCap(capped));
        List<Fill> fills = scaled.result().fills();
        assertThat(fills).as("scaled to the cap, the entries trade").isNotEmpty();
        Fill first = fills.get(0);
        assertThat(first.size() * first.price()).isGreaterThan(40).isLessThanOrEqualTo(50 * 1.01);
        // with no cap binding the cycle cap changes nothing: the same fills as the backtest, bit for bit
        PaperEngine.Replay plain = PaperEngine.replay(plan, candles, 42L, plan.risk());
        PaperEngine.Replay roomy = PaperEngine.replay(plan, candles, 42L, plan.risk(), plan.initialEquity(), 1e9);
        assertThat(roomy.result().fills()).isEqualTo(plain.result().fills());
    }
}
