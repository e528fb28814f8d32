package io.hypertrader.ops.alert;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The alert journal of a process that runs deployments ({@code run}, {@code run --all}). A
 * deployment's journal numbers its lines with {@code max(seq) + 1}, so two threads appending to
 * the same deployment at once make one commit fail; a runner's fill or order write must never be
 * that one. So while a runner owns its deployment, the deliveries of that deployment's alerts
 * queue for it ({@link LiveStoreAlertJournal#deferred}) and the runner writes them from its own
 * loop; the alerts of deployments no runner here owns (a runner that ended, the process-wide
 * {@code *}) go straight to the database on the dispatcher's journal lane, retrying a conflict.
 */
public final class RunnerAlertJournal implements AlertJournal {

    private final AlertJournal unowned;
    private final Map<String, LiveStoreAlertJournal> owned = new ConcurrentHashMap<>();

    /** @param unowned where deliveries of deployments without a runner here go ({@link LiveStoreAlertJournal#direct}) */
    public RunnerAlertJournal(AlertJournal unowned) {
        this.unowned = unowned;
    }

    @Override
    public void record(Delivery d) {
        LiveStoreAlertJournal runner = owned.get(d.event().deploymentId());
        if (runner != null) {
            runner.record(d);
        } else {
            unowned.record(d);
        }
    }

    /** From now on the deliveries of {@code deploymentId} queue in {@code runnerJournal}, which its runner flushes. */
    public void own(String deploymentId, LiveStoreAlertJournal runnerJournal) {
        owned.put(deploymentId, runnerJournal);
    }

    /** The runner of {@code deploymentId} ends: what it queued is written now (on its thread), later deliveries go straight in. */
    public void release(String deploymentId) {
        LiveStoreAlertJournal j = owned.remove(deploymentId);
        if (j != null) {
            j.flush();
        }
    }
}
