package io.hypertrader.cli;

import io.hypertrader.config.ConfigLoader;
import io.hypertrader.config.StrategyConfig;
import io.hypertrader.core.UserError;
import io.hypertrader.live.deployment.CapitalSizing;
import io.hypertrader.live.store.LiveStore;
import io.hypertrader.live.gate.PromotionGates;
import io.hypertrader.live.deployment.TradingPlan;
import io.hypertrader.live.sign.Addresses;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What {@code hypertrader promote} does, as a plain class so the command and the dashboard of
 * {@code serve} promote with the same gates and the same mainnet confirmation: create a
 * deployment of a config at a stage when that stage's gate holds, or change an existing one
 * (mainnet position cap, mainnet confirmation, capital). Refusals are {@link UserError}s (a
 * failed gate or confirmation: kind REFUSED, exit 5).
 */
final class Promotion {

    private final HyperTraderCli root;
    private final Path config;
    private final String to;
    private final String account;
    private final String confirm;
    private final Supplier<Optional<String>> typedAddress;
    private final List<String> acceptEvidenceFrom;
    private final Double capital;
    private final long seed;
    private final String deploymentId;
    private final Double raiseCap;
    private final boolean reconfirm;

    /**
     * The arguments of {@code promote}, one for each option.
     *
     * @param confirm      the account address given to confirm mainnet (--confirm-mainnet, the dashboard's field), or null
     * @param typedAddress asked for the address when {@code confirm} is null (the terminal; empty: nobody to ask)
     * @param capital      --capital, or null (the config's initial equity)
     * @param deploymentId an existing deployment to change (with {@code raiseCap}, {@code reconfirm} or {@code capital}), or null to create one
     */
    Promotion(HyperTraderCli root, Path config, String to, String account, String confirm, Supplier<Optional<String>> typedAddress,
              List<String> acceptEvidenceFrom, Double capital, long seed, String deploymentId, Double raiseCap, boolean reconfirm) {
        this.root = root;
        this.config = config;
        this.to = to;
        this.account = account;
        this.confirm = confirm;
        this.typedAddress = typedAddress;
        this.acceptEvidenceFrom = acceptEvidenceFrom == null ? List.of() : acceptEvidenceFrom;
        this.capital = capital;
        this.seed = seed;
        this.deploymentId = deploymentId;
        this.raiseCap = raiseCap;
        this.reconfirm = reconfirm;
    }

    /** Creates the deployment ({@code config} given) or adjusts one ({@code deploymentId} given), printing to {@code out}. */
    void run(PrintWriter out) {
        if (deploymentId != null) {
            adjust(out);
            return;
        }
        if (config == null) {
            throw UserError.usage("--config: give the strategy config to promote");
        }
        LiveStore.Stage stage;
        try {
            stage = LiveStore.Stage.parse(to);
        } catch (IllegalArgumentException e) {
            throw UserError.usage("--to: " + e.getMessage());
        }
        StrategyConfig cfg = ConfigLoader.load(config);
        TradingPlan plan = TradingPlan.of(cfg);
        LiveStore store = LiveSupport.store(root, false);
        TradingPlan.Promotion p = plan.promotion();
        String acct = null;
        if (stage != LiveStore.Stage.PAPER) {
            if (account == null) {
                throw UserError.usage("--account: a " + stage.code() + " deployment needs the trading account address");
            }
            acct = address(account, "--account");
        }
        double money = capital(plan);
        List<String> accepted = acceptedEvidence(stage);
        PromotionGates.Verdict v = switch (stage) {
            case PAPER -> PromotionGates.paper(p, plan.hash(), PromotionGates.backtests(store.db(), plan.hash()));
            case TESTNET -> PromotionGates.testnet(p, plan.hash(), PromotionGates.paperFacts(store, plan.hash()));
            case MAINNET -> PromotionGates.mainnet(p, PromotionGates.testnetEvidence(store, plan.hash(), accepted));
        };
        if (!v.passed()) {
            throw new UserError(UserError.Kind.REFUSED, "gate '" + v.gate() + "' failed: " + v.message());
        }
        long now = System.currentTimeMillis();
        Double cap = null;
        String confirmed = null;
        Long until = null;
        if (stage == LiveStore.Stage.MAINNET) {
            confirmed = confirmation(acct, "the --account given");
            cap = p.mainnetMaxPositionUsd();
            until = now + (long) (p.confirmationHours() * 3_600_000L);
        }
        LiveStore.Stage prev = stage == LiveStore.Stage.MAINNET ? LiveStore.Stage.TESTNET
                : stage == LiveStore.Stage.TESTNET ? LiveStore.Stage.PAPER : null;
        String from = null;
        if (prev != null) {
            List<LiveStore.Deployment> before = store.deployments(plan.hash(), prev);
            from = before.isEmpty() ? null : before.get(before.size() - 1).id();
        }
        String id = store.newDeploymentId(stage, plan.hash());
        store.insert(new LiveStore.Deployment(id, stage, plan.hash(), plan.name(), config.toString(), plan.json(), acct, "created",
                now, from, v.gate() + ": " + v.message(), seed, money, cap, confirmed, until, null, null));
        store.append(id, LiveStore.Entry.of(now, null, "promote", null, null, null, null, null, money,
                stage.code() + " deployment of config " + plan.shortHash() + " (" + v.gate() + ": " + v.message() + ")"
                        + String.format(Locale.ROOT, "; capital %.2f USDC", money)
                        + (cap != null ? "; position cap " + cap + " USDC" : "")));
        out.println("deployment " + id + " created: " + stage.code() + ", config " + plan.name() + " hash " + plan.shortHash());
        out.println("gate " + v.gate() + ": " + v.message());
        out.println(CapitalSizing.describe(plan, money, cap));
        if (stage == LiveStore.Stage.MAINNET) {
            out.println(String.format(Locale.ROOT, "account %s; position cap %.2f USDC (raise with --raise-cap); confirmed until %s",
                    acct, cap, Instant.ofEpochMilli(until)));
        }
        out.println("start it with: hypertrader run " + id);
        out.flush();
    }

    private void adjust(PrintWriter out) {
        LiveStore store = LiveSupport.store(root, true);
        LiveStore.Deployment d = LiveSupport.deployment(store, deploymentId);
        if (capital != null) {
            checkCapitalChange(d);
        }
        if (d.stage() != LiveStore.Stage.MAINNET) {
            if (capital != null && raiseCap == null && !reconfirm) {
                changeCapital(out, store, d, null);
                return;
            }
            throw UserError.usage("--deployment " + d.id() + " is a " + d.stage().code() + " deployment: caps and confirmations are for mainnet");
        }
        if (raiseCap == null && !reconfirm && capital == null) {
            throw UserError.usage("--deployment needs --raise-cap USD or --reconfirm (or --capital USDC)");
        }
        if (raiseCap != null && !(raiseCap > 0)) {
            throw UserError.usage("--raise-cap: must be a positive USDC amount, got " + raiseCap);
        }
        String confirmed = confirmation(d.accountAddress(), "deployment " + d.id() + "'s account");
        TradingPlan plan = TradingPlan.ofDeployment(d);
        long now = System.currentTimeMillis();
        if (capital != null) {
            changeCapital(out, store, d, confirmed);
        }
        long until = now + (long) (plan.promotion().confirmationHours() * 3_600_000L);
        store.setConfirmation(d.id(), confirmed, until);
        if (raiseCap != null) {
            store.setPositionCap(d.id(), raiseCap);
            store.append(d.id(), LiveStore.Entry.of(now, null, "cap", null, null, null, null, null, raiseCap,
                    "position cap " + d.positionCapUsd() + " -> " + raiseCap + " USDC, confirmed by " + confirmed));
            out.println(String.format(Locale.ROOT, "deployment %s: position cap %.2f -> %.2f USDC (takes effect at the next run start)",
                    d.id(), d.positionCapUsd() == null ? Double.NaN : d.positionCapUsd(), raiseCap));
        }
        store.append(d.id(), LiveStore.Entry.of(now, null, "confirm", null, null, null, null, null, null,
                "mainnet confirmed by " + confirmed + " until " + Instant.ofEpochMilli(until)));
        out.println("deployment " + d.id() + ": mainnet confirmed until " + Instant.ofEpochMilli(until));
        out.flush();
    }

    /**
     * A capital change of an existing deployment is for testnet and mainnet deployments that may
     * still run: a paper deployment's book is rebuilt from its capital and journal, so a new one
     * would rewrite its journaled history (promote the config again instead).
     */
    private void checkCapitalChange(LiveStore.Deployment d) {
        if (d.stage() == LiveStore.Stage.PAPER) {
            throw UserError.usage("--capital with --deployment " + d.id() + ": a paper deployment's book is rebuilt from its capital and"
                    + " journal, so changing it would rewrite its history; promote the config again with --capital (same hash, same gates)");
        }
        if (d.stopped()) {
            throw UserError.usage("--capital with --deployment " + d.id() + ": the deployment is stopped and never runs again");
        }
        capital(TradingPlan.ofDeployment(d)); // the same checks as at promotion
    }

    /** Stores the new capital (taking effect at the next run start) and journals the change ({@code confirmedBy}: mainnet). */
    private void changeCapital(PrintWriter out, LiveStore store, LiveStore.Deployment d, String confirmedBy) {
        TradingPlan plan = TradingPlan.ofDeployment(d);
        double before = d.capital(plan.initialEquity());
        store.setCapital(d.id(), capital);
        store.append(d.id(), LiveStore.Entry.of(System.currentTimeMillis(), null, "capital", null, null, null, null, null, capital,
                String.format(Locale.ROOT, "capital %.2f -> %.2f USDC%s", before, capital,
                        confirmedBy == null ? "" : ", confirmed by " + confirmedBy)));
        out.println(String.format(Locale.ROOT, "deployment %s: capital %.2f -> %.2f USDC (takes effect at the next run start)",
                d.id(), before, capital));
        out.println(CapitalSizing.describe(plan, capital, raiseCap != null ? raiseCap : d.positionCapUsd()));
        out.flush();
    }

    /**
     * The account address typed at the terminal or given with --confirm-mainnet; it must equal
     * {@code acct}. No refusal prints the address: a confirmation that can be pasted from the
     * error message confirms nothing.
     *
     * @param whose what the address must match, for the refusal ("deployment X's account")
     */
    private String confirmation(String acct, String whose) {
        String typed = confirm;
        String source = "--confirm-mainnet";
        if (typed == null) {
            typed = typedAddress.get()
                    .orElseThrow(() -> new UserError(UserError.Kind.REFUSED, "mainnet needs a confirmation: type the account address"
                            + " or pass --confirm-mainnet with it (there is no terminal here to type it in)"));
            source = "the typed address";
        }
        String norm;
        try {
            norm = address(typed, source);
        } catch (UserError e) {
            throw new UserError(UserError.Kind.REFUSED, "mainnet not confirmed: " + e.getMessage());
        }
        if (!norm.equals(acct)) {
            throw new UserError(UserError.Kind.REFUSED, "mainnet not confirmed: " + source + " is not " + whose
                    + "; type the account address or pass --confirm-mainnet with it");
        }
        return norm;
    }

    /** The --capital given (checked: positive, and enough for one entry of the exchange's minimum), else the config's equity. */
    private double capital(TradingPlan plan) {
        if (capital == null) {
            return plan.initialEquity();
        }
        if (!(capital > 0) || capital.isInfinite() || capital > 1e12) {
            throw UserError.usage("--capital: must be a positive USDC amount up to 1e12, got " + capital);
        }
        CapitalSizing.tooSmall(plan, capital).ifPresent(m -> {
            throw UserError.usage("--capital " + capital + ": " + m);
        });
        return capital;
    }

    /** The --accept-evidence-from URLs, which only a mainnet promotion reads. */
    private List<String> acceptedEvidence(LiveStore.Stage stage) {
        if (acceptEvidenceFrom.isEmpty()) {
            return List.of();
        }
        if (stage != LiveStore.Stage.MAINNET) {
            throw UserError.usage("--accept-evidence-from: only a mainnet promotion counts testnet evidence (--to mainnet)");
        }
        List<String> out = new ArrayList<>();
        for (String u : acceptEvidenceFrom) {
            String t = u == null ? "" : u.trim();
            if (!t.startsWith("http://") && !t.startsWith("https://")) {
                throw UserError.usage("--accept-evidence-from: '" + u + "' is not an http(s) URL");
            }
            out.add(t);
        }
        return out;
    }

    private static String address(String a, String flag) {
        try {
            return Addresses.normalize(a, flag);
        } catch (IllegalArgumentException e) {
            throw UserError.usage(flag + ": " + e.getMessage());
        }
    }

}
