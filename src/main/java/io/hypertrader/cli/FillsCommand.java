package io.hypertrader.cli;

import io.hypertrader.live.LiveStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.Locale;

/** {@code hypertrader fills DEPLOYMENT}: the deployment's fills as journaled. */
@Command(name = "fills", mixinStandardHelpOptions = true, description = "List a deployment's fills (time, order, price, size, fee).")
final class FillsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DEPLOYMENT")
    String deploymentId;

    @Override
    public void run() {
        HyperTraderCli root = HyperTraderCli.root(spec);
        LiveStore store = LiveSupport.store(root, true);
        LiveStore.Deployment d = LiveSupport.deployment(store, deploymentId);
        var out = root.out();
        out.println("time_ms\torder\tcoin\tside\tprice\tsize\tfee\tmaker\tforced\tkey");
        for (LiveStore.FillRow f : store.fills(d.id())) {
            out.println(String.format(Locale.ROOT, "%d\t%s\t%s\t%s\t%s\t%s\t%.6f\t%s\t%s\t%s", f.timeMs(),
                    f.orderId() == null ? "-" : f.orderId(), f.coin(), f.side(), OrdersCommand.num(f.price()), OrdersCommand.num(f.size()),
                    f.fee(), f.maker(), f.forced(), f.fillKey()));
        }
        out.flush();
    }
}
