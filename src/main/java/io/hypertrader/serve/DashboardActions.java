package io.hypertrader.serve;

import java.util.List;

/**
 * The operator's actions the dashboard offers. The command line implements them with the code of
 * its own commands ({@code stop}, {@code stop --all --flatten}, {@code promote}), so the web page
 * passes the same gates and confirmations. A refusal is an exception whose message is shown to
 * the operator (as the CLI prints it on stderr); the returned text is what the CLI prints on stdout.
 */
public interface DashboardActions {

    /** The outcome of an action: whether it left everything as asked, and what the command printed. */
    record Outcome(boolean ok, String text) {
    }

    /** {@code hypertrader stop ID [--flatten]}. */
    Outcome stop(String deploymentId, boolean flatten);

    /** {@code hypertrader stop --all --flatten}: every deployment that is not stopped, positions closed. */
    Outcome emergencyStop();

    /**
     * {@code hypertrader promote --config FILE --to STAGE [--account A] [--confirm-mainnet TYPED]
     * [--accept-evidence-from URL...] [--capital USDC]}; no terminal to ask, so mainnet needs
     * {@code typedAddress}. {@code capital} null: the config's initial equity.
     */
    Outcome promote(String configPath, String stage, String account, String typedAddress, List<String> acceptEvidenceFrom,
                    Double capital);

    /** {@code hypertrader promote --deployment ID --reconfirm [--raise-cap USD] --confirm-mainnet TYPED}. */
    Outcome reconfirm(String deploymentId, String typedAddress, Double raiseCapUsd);
}
