package io.hypertrader.cli;

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
        LiveSupport.printJournal(HyperTraderCli.root(spec), deploymentId,
                "time_ms\torder\tcoin\tside\tprice\tsize\tfee\tmaker\tforced\tkey",
                (store, d) -> store.fills(d.id()),
                f -> String.format(Locale.ROOT, "%d\t%s\t%s\t%s\t%s\t%s\t%.6f\t%s\t%s\t%s", f.timeMs(),
                        f.orderId() == null ? "-" : f.orderId(), f.coin(), f.side(), LiveSupport.num(f.price()),
                        LiveSupport.num(f.size()), f.fee(), f.maker(), f.forced(), f.fillKey()));
    }
}
