package io.hypertrader.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.Locale;

/** {@code hypertrader orders DEPLOYMENT}: the deployment's orders as journaled. */
@Command(name = "orders", mixinStandardHelpOptions = true, description = "List a deployment's orders (id, cloid, status, fills).")
final class OrdersCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DEPLOYMENT")
    String deploymentId;

    @Option(names = "--open", description = "Only orders not yet ended.")
    boolean openOnly;

    @Override
    public void run() {
        LiveSupport.printJournal(HyperTraderCli.root(spec), deploymentId,
                "id\tdecided_ms\tcoin\tside\ttype\tsize\tlimit\tstatus\tfilled\tavg_px\ttag\tcloid\toid\treason",
                (store, d) -> store.orders(d.id()),
                o -> openOnly && !(o.status().equals("OPEN") || o.status().equals("PENDING")) ? null
                        : String.format(Locale.ROOT, "%d\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s", o.orderId(),
                        o.decisionMs(), o.coin(), o.side(), o.type(), num(o.size()), o.limitPx() == null ? "-" : num(o.limitPx()),
                        o.status(), num(o.filled()), o.avgPx() == null ? "-" : num(o.avgPx()), o.tag(),
                        o.cloid() == null ? "-" : o.cloid(), o.oid() == null ? "-" : o.oid(), o.reason() == null ? "" : o.reason()));
    }

    private static String num(double v) {
        return LiveSupport.num(v);
    }
}
