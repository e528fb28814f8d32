package io.hypertrader.ops.alert;

import io.hypertrader.data.Database;
import io.hypertrader.live.store.DbAccess;
import io.hypertrader.live.store.LiveStore;
import io.hypertrader.risk.RiskEvent;
import io.hypertrader.risk.RiskRule;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The DuckDB journal of alert deliveries and the daily summary built from a deployment's books. */
class JournalAndSummaryTest {

    private static final long DAY0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
    private static final long H = 3_600_000L;

    private final Database db = Database.inMemory();
    private final LiveStore store = new LiveStore(DbAccess.of(db));

    @AfterEach
    void close() {
        db.close();
    }

    private LiveStore.Deployment deploy(String id) {
        LiveStore.Deployment d = new LiveStore.Deployment(id, LiveStore.Stage.TESTNET, "abcdef0123456789", "cfg", null, "{}",
                "0x0000000000000000000000000000000000000001", "running", DAY0 - 48 * H, null, "gates", 7L, 10_000.0, null, null, null,
                null, null);
        store.insert(d);
        return d;
    }

    private void snapshot(String id, long t, double equity) {
        store.append(id, LiveStore.Entry.of(t, t, "snapshot", null, null, null, null, null, equity, "equity=" + equity));
    }

    private void order(String id, long orderId, long t, String status) {
        store.upsertOrder(id, new LiveStore.OrderRow(orderId, null, null, "BTC", "BUY", "LIMIT", "GTC", 0.01, 90_000.0, null, false,
                "entry", status, 0, null, t, 90_010.0, t, null));
    }

    @Test
    void deferredRecordsWaitForTheRunnersFlushAndLandAsKindAlertInOrder() {
        deploy("testnet-abcdef01-1");
        store.append("testnet-abcdef01-1", LiveStore.Entry.of(DAY0, DAY0, "start", null, null, null, null, null, null, "run 1"));
        LiveStoreAlertJournal j = LiveStoreAlertJournal.deferred(store, 100);
        AlertEvent halt = new AlertEvent.RiskHalt("testnet-abcdef01-1", "testnet", DAY0 + 5, "DAILY_LOSS", "*", "day loss");
        j.record(new AlertJournal.Delivery(DAY0 + 10, halt, "desk", 1, AlertJournal.Outcome.RETRY, "HTTP 503; attempt 2 in 2000 ms"));
        j.record(new AlertJournal.Delivery(DAY0 + 2_010, halt, "desk", 2, AlertJournal.Outcome.SENT, ""));
        assertThat(store.journal("testnet-abcdef01-1")).hasSize(1);
        assertThat(j.queued()).isEqualTo(2);

        assertThat(j.flush()).isEqualTo(2);
        List<LiveStore.Entry> lines = store.journal("testnet-abcdef01-1");
        assertThat(lines).extracting(LiveStore.Entry::kind).containsExactly("start", "alert", "alert");
        LiveStore.Entry first = lines.get(1);
        assertThat(first.seq()).isEqualTo(2);
        assertThat(first.wallMs()).isEqualTo(DAY0 + 10);
        assertThat(first.eventMs()).isEqualTo(DAY0 + 5);
        assertThat(first.coin()).as("the channel").isEqualTo("desk");
        assertThat(first.detail()).isEqualTo("retry channel=desk attempt=1 event=risk_halt severity=critical:"
                + " risk halt on testnet-abcdef01-1 (testnet): DAILY_LOSS; HTTP 503; attempt 2 in 2000 ms");
        assertThat(lines.get(2).detail()).startsWith("sent channel=desk attempt=2 event=risk_halt");
        assertThat(j.flush()).isZero();
    }

    @Test
    void directRecordsLandAtOnceAndEventsOfEveryDeploymentGoUnderStar() {
        LiveStoreAlertJournal j = LiveStoreAlertJournal.direct(store);
        AlertEvent stop = new AlertEvent.EmergencyStop(AlertEvent.ALL_DEPLOYMENTS, "", DAY0, true, "cli", "");
        j.record(new AlertJournal.Delivery(DAY0 + 1, stop, "phone", 1, AlertJournal.Outcome.SENT, ""));
        assertThat(store.journal("*")).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo("alert");
            assertThat(e.detail()).isEqualTo("sent channel=phone attempt=1 event=emergency_stop severity=critical:"
                    + " emergency stop and flatten of every deployment");
        });
    }

    @Test
    void theDailySummaryCountsOnlyThatUtcDay() {
        String id = deploy("testnet-abcdef01-1").id();
        snapshot(id, DAY0 - 2 * H, 10_000);      // the day before
        snapshot(id, DAY0 + 2 * H, 10_050);
        snapshot(id, DAY0 + 23 * H, 10_120.5);   // last of the day
        snapshot(id, DAY0 + 25 * H, 9_000);      // the next day
        order(id, 1, DAY0 - H, "FILLED");
        order(id, 2, DAY0 + H, "FILLED");
        order(id, 3, DAY0 + 2 * H, "REJECTED");
        order(id, 4, DAY0 + 23 * H, "OPEN");
        order(id, 5, DAY0 + 24 * H, "OPEN");     // 00:00 next day
        store.insertFill(id, new LiveStore.FillRow("t1", 1L, "BTC", "BUY", DAY0 - H, 90_000, 0.01, 0.40, false, false));
        store.insertFill(id, new LiveStore.FillRow("t2", 2L, "BTC", "BUY", DAY0 + H, 90_100, 0.01, 0.45, false, false));
        store.insertFill(id, new LiveStore.FillRow("t3", 2L, "BTC", "BUY", DAY0 + H + 1, 90_100, 0.01, 0.15, true, false));
        store.riskEvent(id, new RiskEvent(DAY0 + 3 * H, RiskRule.LEVERAGE, "BTC", RiskEvent.Action.REFUSED, "lev"));
        store.riskEvent(id, new RiskEvent(DAY0 + 30 * H, RiskRule.LEVERAGE, "BTC", RiskEvent.Action.REFUSED, "lev"));

        AlertEvent.DailySummary s = DailySummaries.of(store, store.deployment(id).orElseThrow(), LocalDate.of(2026, 1, 1),
                DAY0 + 24 * H + 5);
        assertThat(s.orders()).isEqualTo(3);
        assertThat(s.rejected()).isEqualTo(1);
        assertThat(s.fills()).isEqualTo(2);
        assertThat(s.fees()).isEqualTo(0.60, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(s.riskEvents()).isEqualTo(1);
        assertThat(s.equity()).isEqualTo(10_120.5);
        assertThat(s.equityChange()).isEqualTo(120.5);
        assertThat(AlertText.body(s)).contains("equity: 10,120.50 USDC", "equity change: 120.50 USDC", "orders: 3 (1 rejected)",
                "fills: 2 (fees 0.60 USDC)");

        AlertEvent.DailySummary empty = DailySummaries.of(store, store.deployment(id).orElseThrow(), LocalDate.of(2025, 12, 1), DAY0);
        assertThat(empty.equity()).isNull();
        assertThat(empty.fields().get("equity")).isEqualTo("unknown");
    }

    @Test
    void theTriggerNamesEachEndedDayOnce() {
        DailySummaries.Trigger t = new DailySummaries.Trigger(DAY0 + 20 * H);
        assertThat(t.due(DAY0 + 23 * H)).isNull();
        assertThat(t.due(DAY0 + 24 * H)).isEqualTo(LocalDate.of(2026, 1, 1));
        assertThat(t.due(DAY0 + 25 * H)).isNull();
        assertThat(t.due(DAY0 + 24 * H * 4)).as("after a gap: the last full day").isEqualTo(LocalDate.of(2026, 1, 4));
    }
}
