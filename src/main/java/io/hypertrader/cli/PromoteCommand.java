package io.hypertrader.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code hypertrader promote}: creates a deployment of a config at a stage when that stage's gate
 * holds (exit 5 naming the gate and the numbers otherwise), raises a mainnet position cap, or
 * renews a mainnet confirmation.
 */
@Command(name = "promote", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Create a paper, testnet or mainnet deployment of a config when its promotion gate holds.",
                "paper: a stored backtest of this exact config hash meets the promotion thresholds; testnet: a paper",
                "deployment of the hash ran the minimum time and trades; mainnet: enough testnet orders with enough",
                "success on Hyperliquid's testnet (or a URL given with --accept-evidence-from), the account address",
                "typed (or --confirm-mainnet), a position cap, a confirmation that expires.",
                "Backtest evidence counts only under the realistic simulator profile or a stricter one.",
                "--capital sets the USDC the deployment sizes from, outside the config hash (default: account.initialEquity).",
                "Without --to a deployment is paper. Exit 5 when a gate fails."})
final class PromoteCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "Strategy config to promote.")
    Path config;

    @Option(names = "--to", paramLabel = "paper|testnet|mainnet", defaultValue = "paper",
            description = "Stage (default: paper; mainnet is never a default).")
    String to;

    @Option(names = "--account", paramLabel = "0x..", description = "Trading account address (testnet and mainnet).")
    String account;

    @Option(names = "--confirm-mainnet", paramLabel = "0x..", description = "The account address, typed to confirm mainnet trading.")
    String confirm;

    @Option(names = "--accept-evidence-from", paramLabel = "URL", description = {"Mainnet: also count testnet deployments that",
            "traded against this REST URL (repeatable; default: only Hyperliquid's testnet counts)."})
    List<String> acceptEvidenceFrom = new ArrayList<>();

    @Option(names = "--capital", paramLabel = "USDC", description = {"The deployment's capital: what it sizes its entries from",
            "(plus its own realized P&L, never more than the account can margin), stored on the deployment and not part of",
            "the config hash (default: the config's account.initialEquity); with --deployment, a testnet or mainnet",
            "deployment's new capital from its next run start (mainnet: needs --confirm-mainnet)."})
    Double capital;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Simulator seed of a paper deployment (default: 1).")
    long seed;

    @Option(names = "--deployment", paramLabel = "ID", description = "An existing mainnet deployment (with --raise-cap or --reconfirm), or a testnet or mainnet one (with --capital).")
    String deploymentId;

    @Option(names = "--raise-cap", paramLabel = "USD", description = "New mainnet position cap in USDC (needs --confirm-mainnet).")
    Double raiseCap;

    @Option(names = "--reconfirm", description = "Renew an expired mainnet confirmation (needs --confirm-mainnet).")
    boolean reconfirm;

    @Override
    public void run() {
        HyperTraderCli root = HyperTraderCli.root(spec);
        new Promotion(root, config, to, account, confirm,
                () -> root.terminal().readLine("Mainnet trading with real money. Type the trading account's address to confirm: "),
                acceptEvidenceFrom, capital, seed, deploymentId, raiseCap, reconfirm).run(root.out());
    }
}
