package io.hypertrader.cli;

import io.hypertrader.live.store.LiveStore;
import io.hypertrader.live.replay.Parity;
import io.hypertrader.live.deployment.TradingPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hypertrader parity DEPLOYMENT}: the deployment against the backtest of the candles it recorded. */
@Command(name = "parity", mixinStandardHelpOptions = true,
        description = {"Replay a paper or live deployment's recorded candles through the backtester, and its recorded live stream"
                + " (the price points its runner acted on) through the same kernel and simulator, and list the differences.",
                "Same config, seed, simulator profile and risk limits; decision and fill differences are listed order by order."})
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
        print(out, r);
        Parity.StreamReport stream = Parity.compareStream(store, d, TradingPlan.ofDeployment(d));
        if (stream == null) {
            out.println("live stream: none recorded (a deployment from before the stream was recorded)");
        } else {
            Parity.Report s = stream.report();
            out.println("live stream: " + stream.points() + " price points, " + stream.bars() + " bars, " + stream.settlements()
                    + " funding settlements replayed: orders " + s.journaledOrders() + " journaled / " + s.replayedOrders()
                    + " in the stream replay; fills " + s.journaledFills() + " / " + s.replayedFills());
            print(out, s);
        }
        out.flush();
    }

    private static void print(java.io.PrintWriter out, Parity.Report r) {
        if (r.identical()) {
            out.println("no differences");
        } else {
            out.println(r.differences().size() + " differences:");
            r.differences().forEach(x -> out.println("  " + x));
        }
    }
}
