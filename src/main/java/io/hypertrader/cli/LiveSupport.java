package io.hypertrader.cli;

import io.hypertrader.core.Network;
import io.hypertrader.core.UserError;
import io.hypertrader.live.store.DbAccess;
import io.hypertrader.live.exchange.HyperliquidExchangeClient;
import io.hypertrader.live.store.LiveStore;
import io.hypertrader.live.exchange.SharedBudgetTransport;
import io.hypertrader.live.control.StopControl;
import io.hypertrader.live.exchange.TradingInfoClient;
import io.hypertrader.live.exchange.TransportException;
import io.hypertrader.live.keys.KeyResolver;
import io.hypertrader.live.keys.KeyStore;
import io.hypertrader.live.keys.SecretPrompt;
import io.hypertrader.live.sign.HyperliquidSigner;
import io.hypertrader.live.sign.NonceSource;
import io.hypertrader.live.sign.SigningKey;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.Function;

/** What the live-trading commands share: the store, deployments, the exchange client of a deployment. */
final class LiveSupport {

    private LiveSupport() {
    }

    static LiveStore store(HyperTraderCli root, boolean mustExist) {
        if (mustExist && !Files.exists(root.dbPath())) {
            throw UserError.dataMissing("no database at " + root.dbPath() + "; create a deployment with: hypertrader promote --config FILE");
        }
        return new LiveStore(DbAccess.file(root.dbPath()));
    }

    static StopControl stops(HyperTraderCli root) {
        return StopControl.besideDatabase(root.dbPath());
    }

    static LiveStore.Deployment deployment(LiveStore store, String id) {
        return store.deployment(id).orElseThrow(() -> UserError.dataMissing("no deployment '" + id
                + "'; list them with: hypertrader status"));
    }

    /**
     * Prints one of a deployment's journals (orders, fills) as a tab-separated table: the header,
     * then {@code line} of each row, skipping rows it maps to {@code null}.
     *
     * @param rows reads the journal of the deployment from the store, in journal order
     */
    static <T> void printJournal(HyperTraderCli root, String deploymentId, String header,
                                 BiFunction<LiveStore, LiveStore.Deployment, List<T>> rows, Function<T, String> line) {
        LiveStore store = store(root, true);
        LiveStore.Deployment d = deployment(store, deploymentId);
        PrintWriter out = root.out();
        out.println(header);
        for (T row : rows.apply(store, d)) {
            String text = line.apply(row);
            if (text != null) {
                out.println(text);
            }
        }
        out.flush();
    }

    /** A price or size in a journal table: 8 significant digits. */
    static String num(double v) {
        return String.format(Locale.ROOT, "%.8g", v);
    }

    /** The network a deployment trades on; --network, if given, must agree (nothing reaches mainnet by default). */
    static Network network(HyperTraderCli root, LiveStore.Deployment d) {
        Network n = switch (d.stage()) {
            case TESTNET -> Network.TESTNET;
            case MAINNET -> Network.MAINNET;
            case PAPER -> root.networkGiven() ? root.network() : Network.MAINNET; // paper reads public market data only
        };
        if (d.stage() != LiveStore.Stage.PAPER && root.networkGiven() && root.network() != n) {
            throw UserError.usage("--network " + root.network().name().toLowerCase(java.util.Locale.ROOT) + " does not match deployment "
                    + d.id() + ", which is a " + d.stage().code() + " deployment");
        }
        return n;
    }

    /** REST URL: --api-url / HYPERTRADER_API_URL when given, else the deployment's network. */
    static String apiUrl(HyperTraderCli root, Network n) {
        String url = root.apiUrl();
        boolean given = !(url.equals(root.network().restUrl()) && !root.networkGiven());
        return given ? url : n.restUrl();
    }

    /**
     * Records the REST URL a deployment trades against at its first run; a later run must use the
     * same endpoint (evidence for the next stage comes from one place), else exit 5.
     */
    static void recordEndpoint(LiveStore store, LiveStore.Deployment d, String url) {
        String recorded = store.recordEndpoint(d.id(), url);
        if (recorded != null && !Network.canonicalUrl(recorded).equals(Network.canonicalUrl(url))) {
            throw new UserError(UserError.Kind.REFUSED, "deployment " + d.id() + " trades against " + recorded
                    + " (recorded by its first run); this run would use " + url + ". A deployment's record comes from one endpoint:"
                    + " run it against " + recorded + " (--api-url / HYPERTRADER_API_URL), or promote the config again for a new deployment");
        }
    }

    static SigningKey key(HyperTraderCli root, String keyAddress) {
        return new KeyResolver(root.env(), KeyStore.forEnv(root.env()), SecretPrompt.system(), root.err()).resolve(keyAddress);
    }

    /**
     * The exchange client of a deployment. Its nonces come from the signer's shared sequence in
     * {@code $HYPERTRADER_HOME/nonces}, so a runner and a {@code stop} from another process never
     * sign two actions with one nonce.
     */
    static HyperliquidExchangeClient client(HyperTraderCli root, SharedBudgetTransport transport, Network n, SigningKey key,
                                            String account) {
        TradingInfoClient info = new TradingInfoClient(transport);
        NonceSource nonces = NonceSource.shared(NonceSource.fileIn(KeyStore.homeDir(root.env())), key.address(),
                System::currentTimeMillis);
        try {
            return new HyperliquidExchangeClient(transport, new HyperliquidSigner(key, n), nonces, info, info.meta(), account, null,
                    HyperliquidExchangeClient.Settings.DEFAULTS, System::currentTimeMillis, Thread::sleep);
        } catch (TransportException e) {
            throw UserError.exchange("cannot read the exchange's asset list (meta) from " + n + ": " + e.getMessage(), e);
        }
    }
}
