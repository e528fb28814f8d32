package io.hypertrader.cli;

import io.hypertrader.live.store.DbAccess;
import io.hypertrader.live.store.LiveStore;
import io.hypertrader.live.exchange.SharedBudgetTransport;
import io.hypertrader.ops.DeploymentOps;
import io.hypertrader.ops.alert.AlertDispatcher;
import io.hypertrader.ops.alert.AlertMonitor;
import io.hypertrader.ops.alert.AlertsConfig;
import io.hypertrader.ops.alert.AlertsConfigLoader;
import io.hypertrader.ops.alert.Channels;
import io.hypertrader.ops.alert.DailySummaries;
import io.hypertrader.ops.alert.LiveStoreAlertJournal;
import io.hypertrader.ops.alert.RunnerAlertJournal;
import io.hypertrader.ops.backup.BackupScheduler;
import io.hypertrader.ops.backup.BackupWriter;
import io.hypertrader.ops.metrics.MetricsEndpoint;
import io.hypertrader.ops.metrics.TradingMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * What {@code run} wires around its runners for operations, once per process whether it runs one
 * deployment or all of them (docs/operations.md): the Prometheus endpoint ({@code --metrics-port}),
 * the alert dispatcher (when {@code alerts.yaml} exists) and the daily backup. Each deployment gets
 * a {@link DeploymentOps} from {@link #forDeployment}: its metrics, its threshold monitor, its daily
 * summary (testnet and mainnet). API latency is a property of the process and the exchange URL (the
 * transport is shared), watched under deployment {@code *}.
 */
final class RunOperations implements AutoCloseable {

    /** The first backup check comes this long after start, so a short session (and most tests) never exports. */
    static final long FIRST_BACKUP_CHECK_S = 60;

    private final PrometheusMeterRegistry registry;
    private final MetricsEndpoint endpoint;
    private final AlertsConfig alertsConfig;
    private final AlertDispatcher alerts;
    private final RunnerAlertJournal journal;
    private final ScheduledExecutorService backups;
    private final Map<String, DeploymentOps> transportWatch = new HashMap<>();

    private RunOperations(PrometheusMeterRegistry registry, MetricsEndpoint endpoint, AlertsConfig alertsConfig, AlertDispatcher alerts,
                          RunnerAlertJournal journal, ScheduledExecutorService backups) {
        this.registry = registry;
        this.endpoint = endpoint;
        this.alertsConfig = alertsConfig;
        this.alerts = alerts;
        this.journal = journal;
        this.backups = backups;
    }

    /**
     * @param metricsPort the /metrics port, or null for none (0 picks a free one)
     * @param backupDir   where the daily backup goes, or null for none
     * @param say         one line for the operator (the endpoint's URL, each backup)
     */
    static RunOperations start(HyperTraderCli root, Integer metricsPort, Path backupDir, int keepDays, Consumer<String> say) {
        PrometheusMeterRegistry registry = null;
        MetricsEndpoint endpoint = null;
        if (metricsPort != null) {
            registry = MetricsEndpoint.newRegistry();
            endpoint = MetricsEndpoint.start(registry, metricsPort);
            say.accept("METRICS http://127.0.0.1:" + endpoint.port() + "/metrics");
        }
        Optional<AlertsConfig> cfg = AlertsConfigLoader.loadDefault(root.env());
        AlertDispatcher alerts = null;
        RunnerAlertJournal journal = null;
        if (cfg.isPresent()) {
            journal = new RunnerAlertJournal(LiveStoreAlertJournal.direct(root.dbPath()));
            alerts = AlertDispatcher.start(cfg.get(), Channels.of(cfg.get(), root.env()), journal);
            say.accept("alerts: " + cfg.get().source());
        }
        ScheduledExecutorService backups = null;
        if (backupDir != null) {
            backups = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "daily-backup");
                t.setDaemon(true);
                return t;
            });
            Path db = root.dbPath();
            BackupScheduler scheduler = new BackupScheduler(db, backupDir, keepDays, backups, throughDoor(db), say);
            backups.scheduleWithFixedDelay(() -> {
                try {
                    scheduler.maybeBackup(Instant.now());
                } catch (RuntimeException e) {
                    say.accept("backup failed: " + e.getMessage());
                }
            }, FIRST_BACKUP_CHECK_S, 60, TimeUnit.SECONDS);
        }
        return new RunOperations(registry, endpoint, cfg.orElse(null), alerts, journal, backups);
    }

    /** The export takes its turn with the runners of this process through the file's door (see DbAccess). */
    private static BackupWriter.Access throughDoor(Path db) {
        DbAccess access = DbAccess.file(db); // used by the backup thread only
        return new BackupWriter.Access() {
            @Override
            public <T> T withConnection(BackupWriter.SqlFunction<T> export) throws SQLException {
                SQLException[] failed = new SQLException[1];
                T out = access.use(d -> {
                    Connection c = d.connection();
                    try {
                        return export.apply(c);
                    } catch (SQLException e) {
                        failed[0] = e;
                        return null;
                    }
                });
                if (failed[0] != null) {
                    throw failed[0];
                }
                return out;
            }
        };
    }

    /** Feeds the API latency of {@code transport} to the metrics and the latency alert, once per URL. */
    synchronized void watch(SharedBudgetTransport transport, String stage) {
        DeploymentOps ops = transportWatch.computeIfAbsent(transport.baseUrl(), url -> build("*", stage));
        transport.onLatency(ops::apiLatency);
    }

    /** The operations of one deployment; {@code store} is the runner's own (the daily summary reads it on the runner's thread). */
    DeploymentOps forDeployment(LiveStore store, LiveStore.Deployment d) {
        DeploymentOps ops = build(d.id(), d.stage().code());
        if (alerts == null) {
            return ops;
        }
        // the deployment's alert deliveries are journaled by its runner, between its own writes
        LiveStoreAlertJournal own = LiveStoreAlertJournal.deferred(store, 10_000);
        journal.own(d.id(), own);
        DailySummaries.Trigger trigger = d.stage() == LiveStore.Stage.PAPER ? null : new DailySummaries.Trigger(System.currentTimeMillis());
        AlertDispatcher dispatcher = alerts;
        ops.onTick(now -> {
            own.flush();
            LocalDate day = trigger == null ? null : trigger.due(now);
            if (day != null) {
                dispatcher.submit(DailySummaries.of(store, d, day, now));
            }
        });
        ops.onClose(() -> journal.release(d.id()));
        return ops;
    }

    private DeploymentOps build(String id, String stage) {
        TradingMetrics metrics = registry == null ? null : new TradingMetrics(registry, id, stage, System::currentTimeMillis);
        AlertMonitor monitor = alerts == null ? null : new AlertMonitor(id, stage, alertsConfig.thresholds(), alerts::submit);
        return new DeploymentOps(id, stage, metrics, monitor, alerts == null ? null : alerts::submit, System::currentTimeMillis);
    }

    /** The metrics endpoint's port, or -1 without one. */
    int metricsPort() {
        return endpoint == null ? -1 : endpoint.port();
    }

    @Override
    public void close() {
        if (backups != null) {
            backups.shutdownNow();
        }
        if (alerts != null) {
            alerts.close(); // waits a few seconds for deliveries in flight
        }
        if (endpoint != null) {
            endpoint.close();
        }
    }
}
