package io.hypertrader.serve;

import java.util.List;

/**
 * What the dashboard's templates show, already formatted: the templates only place text (jte
 * escapes every value), so no number formatting or store access happens in a template.
 */
public final class Views {

    private Views() {
    }

    /** What every page carries: its title, which tab is current, the CSRF token its forms post. */
    public record Frame(String title, String tab, String csrf) {
    }

    /** One row of the deployments table. */
    public record DeploymentRow(String id, String stage, String status, String configName, String account, String lease,
                                String capital, String exposure, String pnl, boolean loss, String risk, boolean riskAlarm,
                                String heartbeat, boolean stopped) {
    }

    public record PositionView(String coin, String size) {
    }

    public record OrderView(String orderId, String exchangeId, String coin, String side, String type, String size, String limit,
                            String status, String tag) {
    }

    /**
     * One fill; slippage is against the price the strategy decided at, in basis points, positive
     * when the fill was worse (paid more on a buy, got less on a sell).
     */
    public record FillView(String time, String coin, String side, String price, String size, String fee, String slippageBps,
                           String orderId, String exchangeId, String explorerHref, boolean forced) {
    }

    public record JournalView(long seq, String time, String kind, String coin, String detail) {
    }

    public record RiskView(String time, String rule, String coin, String action, String reason) {
    }

    /**
     * The equity curve as an SVG polyline in a {@link #WIDTH} x {@link #HEIGHT} box (y grows down),
     * with the range it spans; {@code points} is empty with fewer than two snapshots.
     */
    public record EquityChart(String points, String min, String max, String first, String last, int snapshots) {
        public static final int WIDTH = 720;
        public static final int HEIGHT = 180;
    }

    /** One deployment's page. */
    public record DeploymentPage(DeploymentRow row, String network, String explorerHref, String configHash, String created,
                                 String stopReason, String positionCap, String confirmedUntil, boolean mainnet,
                                 List<PositionView> positions, List<OrderView> openOrders, List<FillView> fills, int fillCount,
                                 List<JournalView> journal, int journalCount, List<RiskView> risk, EquityChart chart) {
    }

    /** One stored backtest run. */
    public record RunView(String runId, String created, String name, String configHash, String coins, String interval,
                          String totalReturn, String maxDrawdown, int fills, String reportHref) {
    }

    /** One stored study (sweep, Monte Carlo, walk-forward). */
    public record StudyView(String id, String kind, String created, String configHash, int configurations, int trials,
                            String best, String reportHref) {
    }

    /** The answer to an action: what was asked, whether it left everything as asked, what the command printed. */
    public record ActionResult(String action, boolean ok, String text) {
    }
}
