package io.hypertrader.live.store;

import io.hypertrader.core.UserError;

import java.time.Instant;

/**
 * A runner found that its deployment's lease is no longer its own (another runner took it over,
 * see {@link DeploymentLease}). Thrown before anything is sent or journaled as sent; the runner
 * stops without sending, clearing or flattening anything (the new holder owns the account's
 * orders and its dead-man switch now). Exit 5.
 */
public final class LeaseLostException extends UserError {

    private final String deploymentId;
    private final transient DeploymentLease.Row now;

    public LeaseLostException(String deploymentId, DeploymentLease.Holder self, DeploymentLease.Row now) {
        super(Kind.REFUSED, "deployment " + deploymentId + ": this runner (" + self.describe() + ") lost its lease: "
                + (now == null ? "no runner holds it any more" : "now held by " + now.holder().describe() + " since "
                + Instant.ofEpochMilli(now.acquiredMs())) + "; it stopped before sending anything more");
        this.deploymentId = deploymentId;
        this.now = now;
    }

    public String deploymentId() {
        return deploymentId;
    }

    /** The lease as it stands now (null when none is held). */
    public DeploymentLease.Row holderNow() {
        return now;
    }
}
