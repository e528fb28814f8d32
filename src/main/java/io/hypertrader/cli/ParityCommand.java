package io.hypertrader.cli;

import io.hypertrader.live.LiveStore;
import io.hypertrader.live.Parity;
import io.hypertrader.live.TradingPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hypertrader parity DEPLOYMENT}: the deployment against the backtest of the candles it recorded. */
@Command(name = "parity", mixinStandardHelpOptions = true,
        description = {"Replay the candles a paper/live deployment recorded through the backtester (same config, seed,",
                "simulator profile and risk limits) and list decision and fill differences order by order."})
final class ParityCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DEPLOYMENT", description = "Deployment id.")
    String deploymentId;

    @Override
    public void run() {
        HyperTraderCli root = HyperTraderCli.root(spec);
        LiveStore store = LiveSupport.store(root, true);
        LiveStore.Deployment d = LiveSupport.deployment(store, deploymentId);
        Parity.Report r = Parity.compare(store, d, TradingPlan.ofDeployment(d));
        var out = root.out();
        out.println("parity " + d.id() + " (" + d.stage().code() + "): orders " + r.journaledOrders() + " journaled / "
                + r.replayedOrders() + " in the backtest; fills " + r.journaledFills() + " / " + r.replayedFills());
        if (r.identical()) {
            out.println("no differences");
        } else {
            out.println(r.differences().size() + " differences:");
            r.differences().forEach(x -> out.println("  " + x));
        }
        out.flush();
    }
}
