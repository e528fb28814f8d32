package io.hypertrader.cli;

import io.hypertrader.core.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.List;

/**
 * {@code hypertrader stop}: signals the runner (control file, seen within one poll), cancels every
 * open order of the deployment's coins on the exchange and, with --flatten, closes the positions
 * with reduce-only orders; waits for the runner to halt, sweeps once more, marks it stopped.
 */
@Command(name = "stop", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Stop a deployment (or --all) from any process.",
                "The runner halts, every open order is cancelled, and with --flatten positions are closed with reduce-only"
                        + " orders. Exit 1 when orders or positions remain."})
final class StopCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DEPLOYMENT", description = "Deployment id.")
    String deploymentId;

    @Option(names = "--all", description = "Every deployment that is not stopped.")
    boolean all;

    @Option(names = "--flatten", description = "Also close positions with reduce-only market orders.")
    boolean flatten;

    @Option(names = "--key", paramLabel = "ADDRESS", description = "Which stored key signs (default: the only one).")
    String keyAddress;

    @Option(names = "--wait-ms", paramLabel = "MS", defaultValue = "15000", description = "How long to wait for a runner to halt.")
    long waitMs;

    @Override
    public void run() {
        HyperTraderCli root = HyperTraderCli.root(spec);
        if (all == (deploymentId != null)) {
            throw UserError.usage("give either a DEPLOYMENT or --all");
        }
        boolean clean = new DeploymentStopper(root, keyAddress, waitMs)
                .stop(deploymentId == null ? List.of() : List.of(deploymentId), all, flatten, root.out());
        if (!clean) {
            throw new UserError(UserError.Kind.FAILURE, "stop left open orders or positions (see above); run stop again or act on the exchange");
        }
    }
}
