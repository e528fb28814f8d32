package io.hypertrader.sim;

import io.hypertrader.core.Coin;
import io.hypertrader.core.Instrument;
import io.hypertrader.exec.OrderRounding;
import io.hypertrader.portfolio.Account;
import io.hypertrader.sim.model.FeeModel;
import io.hypertrader.sim.model.FillModel;
import io.hypertrader.sim.model.MarketState;
import io.hypertrader.sim.model.SlippageModel;
import org.junit.jupiter.api.Test;

import java.math.RoundingMode;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The worked fill of docs/simulator.md ("Worked example: one market buy under realistic"), step by
 * step through the models the realistic profile builds. The latency draw and the normal draw z
 * are the example's assumptions (120 ms, +1.0); every step after them is the code's. Change the
 * doc and this test together.
 */
class SimulatorDocExampleTest {

    @Test
    void theWorkedFillOfTheSimulatorDocIsWhatTheModelsDo() {
        SimConfig r = SimConfig.REALISTIC;
        // the bar 60000 / 60600 / 59700 / 60300 closed up: the low comes first
        assertThat(r.path().lowFirst(60_000, 60_300, 0)).isTrue();

        // latency: 120 ms into the first segment (60000 at :00 to 59700 at :20)
        double path = 60_000 + (59_700 - 60_000) * 600_120.0 / 1_200_000.0;
        assertThat(path).isCloseTo(59_849.97, within(1e-9));

        // drift: sigma_bar from the bar's Parkinson variance, z = +1.0
        double sigmaBar = Math.sqrt(SimulatedVenue.parkinsonVariance(60_600, 59_700));
        assertThat(sigmaBar).isCloseTo(0.008986, within(5e-7));
        double arrival = path * (1 + sigmaBar * Math.sqrt(120.0 / 3_600_000.0) * 1.0);
        assertThat(arrival).isCloseTo(59_853.08, within(0.005));

        // participation: 10 % of a third of 1200 BTC
        FillModel fills = new FillModel.VolumeCapped(r.fills().maxParticipation());
        double segment = fills.segmentCapacity(1_200 / 3.0);
        assertThat(segment).isCloseTo(40.0, within(1e-9));
        assertThat(fills.fillable(5, 5 * arrival, segment)).isEqualTo(5.0);
        assertThat(fills.fillable(50, 50 * arrival, segment)).isCloseTo(40.0, within(1e-9));

        // slippage: 1 bp + 1 x 3 % x sqrt(notional / 1.2e9)
        MarketState m = new MarketState();
        m.sigmaDay = 0.03;
        m.advUsd = 1.2e9;
        SlippageModel slip = new SlippageModel.SqrtImpact(r.slippage().halfSpreadBp(), r.slippage().k());
        double s = slip.slippage(5 * arrival, m);
        assertThat(s * 10_000).isCloseTo(5.74, within(0.005));
        double px = arrival * (1 + s);
        assertThat(px).isCloseTo(59_887.42, within(0.005));
        assertThat(px).isLessThan(arrival * (1 + r.slippage().marketMaxPct()));

        // the grid, against the taker (BTC: szDecimals 5), and the taker fee
        double fill = OrderRounding.roundPrice(px, 5, false, RoundingMode.CEILING);
        assertThat(fill).isEqualTo(59_888.0);
        FeeModel fee = new FeeModel.MakerTaker(r.fees().makerBp(), r.fees().takerBp());
        assertThat(fee.fee(5 * fill, false)).isCloseTo(134.748, within(1e-9));
        assertThat(5 * (fill - arrival)).isCloseTo(174.62, within(0.01));
    }

    /** The liquidation example: 10,000 USDC, long 270 at 100 of a coin with maximum leverage 40. */
    @Test
    void theLiquidationExampleOfTheSimulatorDoc() {
        Account a = new Account(List.of(new Instrument(Coin.of("XYZ"), 2, 40)), 10_000);
        a.setLeverage(0, 3);
        a.fill(0, 270, 100, 0, 100);
        assertThat(a.liquidationPrice(0)).isCloseTo(17_000 / 266.625, within(1e-9));
        assertThat(a.liquidationPrice(0)).isCloseTo(63.76, within(0.005));
    }
}
