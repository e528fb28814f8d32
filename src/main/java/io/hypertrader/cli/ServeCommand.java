package io.hypertrader.cli;

import io.hypertrader.core.UserError;
import io.hypertrader.ops.metrics.MetricsEndpoint;
import io.hypertrader.serve.DashboardActions;
import io.hypertrader.serve.DashboardData;
import io.hypertrader.serve.DashboardServer;
import io.hypertrader.serve.SessionGuard;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code hypertrader serve}: the local dashboard (docs/serve.md). Prints one line,
 * {@code SERVING http://127.0.0.1:PORT/?token=...}, and serves until interrupted (Ctrl-C). Its
 * actions run the code of {@code stop} and {@code promote} ({@link DeploymentStopper},
 * {@link Promotion}) with this command's environment: the same key, the same gates.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Serve the local dashboard: deployments, runs, studies, stop and promote from a browser.",
                "Prints one line SERVING http://HOST:PORT/?token=... and serves until interrupted; every request needs that token."})
final class ServeCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: 127.0.0.1, this machine only).")
    String bind;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8765", description = "TCP port (default: 8765; 0 picks a free one).")
    int port;

    @Option(names = "--reports", paramLabel = "DIR", description = "Folder of run reports (default: $HYPERTRADER_REPORTS or reports).")
    Path reports;

    @Option(names = "--key", paramLabel = "ADDRESS", description = "Which stored key signs the dashboard's stops (default: the only one).")
    String keyAddress;

    @Option(names = "--wait-ms", paramLabel = "MS", defaultValue = "15000",
            description = "How long a stop from the dashboard waits for a runner to halt.")
    long waitMs;

    @Override
    public void run() {
        HyperTraderCli root = HyperTraderCli.root(spec);
        if (port < 0 || port > 65535) {
            throw UserError.usage("--port: " + port + " is not a TCP port (0 picks a free one)");
        }
        DashboardData data = new DashboardData(root.dbPath(), root.reportsDir(reports), System::currentTimeMillis);
        DashboardServer server;
        try {
            server = DashboardServer.start(data, new Actions(root, keyAddress, waitMs), SessionGuard.random(),
                    MetricsEndpoint.newRegistry(), System::currentTimeMillis, bind, port);
        } catch (RuntimeException e) {
            throw UserError.usage("--bind/--port: cannot serve on " + bind + ":" + port + ": " + e.getMessage());
        }
        try (server) {
            if (!isLoopback(bind)) {
                root.err().println("warning: --bind " + bind + " serves the dashboard beyond this machine over plain HTTP;"
                        + " anyone who sees the token can stop deployments: put TLS in front of it");
                root.err().flush();
            }
            root.out().println("SERVING " + server.url(bind));
            root.out().flush();
            // Serves until this thread is interrupted (an in-process caller) or the JVM exits (Ctrl-C).
            new java.util.concurrent.CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean isLoopback(String address) {
        try {
            return java.net.InetAddress.getByName(address).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /** The dashboard's actions, each the code of the CLI command it names, its output captured for the page. */
    static final class Actions implements DashboardActions {
        private final HyperTraderCli root;
        private final String keyAddress;
        private final long waitMs;

        Actions(HyperTraderCli root, String keyAddress, long waitMs) {
            this.root = root;
            this.keyAddress = keyAddress;
            this.waitMs = waitMs;
        }

        @Override
        public Outcome stop(String deploymentId, boolean flatten) {
            return captured(out -> new DeploymentStopper(root, keyAddress, waitMs).stop(List.of(deploymentId), false, flatten, out));
        }

        @Override
        public Outcome emergencyStop() {
            return captured(out -> new DeploymentStopper(root, keyAddress, waitMs).stop(List.of(), true, true, out));
        }

        @Override
        public Outcome promote(String configPath, String stage, String account, String typedAddress, List<String> acceptEvidenceFrom,
                               Double capital) {
            if (configPath == null) {
                throw UserError.usage("give the config file to promote");
            }
            // no terminal behind a web page: mainnet is confirmed only by the address typed in the form
            return captured(out -> {
                new Promotion(root, Path.of(configPath), stage, account, typedAddress, Optional::empty, acceptEvidenceFrom, capital,
                        1, null, null, false).run(out);
                return true;
            });
        }

        @Override
        public Outcome reconfirm(String deploymentId, String typedAddress, Double raiseCapUsd) {
            return captured(out -> {
                new Promotion(root, null, "paper", null, typedAddress, Optional::empty, List.of(), null, 1, deploymentId, raiseCapUsd, true)
                        .run(out);
                return true;
            });
        }

        private interface Work {
            boolean run(PrintWriter out);
        }

        private static Outcome captured(Work work) {
            StringWriter text = new StringWriter();
            PrintWriter out = new PrintWriter(text);
            try {
                boolean clean = work.run(out);
                out.flush();
                return new Outcome(clean, text.toString());
            } catch (UserError e) {
                out.flush();
                return new Outcome(false, text + e.getMessage());
            }
        }
    }
}
