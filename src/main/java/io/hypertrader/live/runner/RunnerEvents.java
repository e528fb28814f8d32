package io.hypertrader.live.runner;

import io.hypertrader.risk.RiskEvent;

/**
 * What a runner tells operations (metrics, alerts) as it happens, one call per observation. The
 * live package defines the port and operations implements it ({@code ops.DeploymentOps}), so
 * the runners know nothing of Micrometer or alert channels. Every method must return at once
 * (counters and queues): it is called from the trading loop.
 */
public interface RunnerEvents {

    /** An order reached the venue (accepted or refused by it; not a risk-manager refusal). */
    void orderSent();

    /** The venue accepted an order (resting or filled). */
    void orderAccepted();

    /** An order was refused, with its reject code ({@code RISK}: the risk manager). */
    void orderRejected(String code);

    /** A fill of one of the deployment's orders. */
    void fill(double notionalUsd, boolean maker);

    /** A socket ({@code "market"} or {@code "user"}) connected or dropped. */
    void socket(String socket, boolean up);

    /** Equity and gross position notional, after each poll with a closed bar. */
    void account(double equityUsd, double grossExposureUsd);

    /** A risk event of the deployment's risk manager. */
    void riskEvent(RiskEvent e);

    /** Once per runner loop: outage clocks and daily summaries. */
    void tick();

    /** The restart found the exchange and the restored strategy apart (the runner halts). */
    void reconciliationDifference(String coin, String detail);

    /** A stop of the deployment reached the runner. */
    void stopped(boolean flatten, String report);

    /** This runner took the deployment's lease over from a runner that died or went silent. */
    void leaseTakenOver(String previousHolder, String newHolder, long silentMs);

    /** Nothing is watching. */
    RunnerEvents NONE = new RunnerEvents() {
        @Override
        public void orderSent() {
        }

        @Override
        public void orderAccepted() {
        }

        @Override
        public void orderRejected(String code) {
        }

        @Override
        public void fill(double notionalUsd, boolean maker) {
        }

        @Override
        public void socket(String socket, boolean up) {
        }

        @Override
        public void account(double equityUsd, double grossExposureUsd) {
        }

        @Override
        public void riskEvent(RiskEvent e) {
        }

        @Override
        public void tick() {
        }

        @Override
        public void reconciliationDifference(String coin, String detail) {
        }

        @Override
        public void stopped(boolean flatten, String report) {
        }

        @Override
        public void leaseTakenOver(String previousHolder, String newHolder, long silentMs) {
        }
    };
}
