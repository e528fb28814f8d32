package io.hypertrader.ops.alert;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.hypertrader.ops.alert.ScriptedChannel.Answer.FINAL;
import static io.hypertrader.ops.alert.ScriptedChannel.Answer.OK;
import static io.hypertrader.ops.alert.ScriptedChannel.Answer.RETRYABLE;
import static org.assertj.core.api.Assertions.assertThat;

class AlertDispatcherTest {

    private static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
    private static final RetryPolicy RETRY = new RetryPolicy(4, Duration.ofSeconds(2), 2.0, Duration.ofSeconds(5));

    private final ManualScheduler sched = new ManualScheduler(T0);
    private final List<AlertJournal.Delivery> journal = Collections.synchronizedList(new ArrayList<>());

    private AlertDispatcher dispatcher(int capacity, AlertChannel... channels) {
        return new AlertDispatcher(List.of(channels), journal::add, new AlertDispatcher.Settings(Duration.ofMinutes(10), capacity, RETRY),
                sched, sched);
    }

    private static AlertEvent halt(long t, String dep) {
        return new AlertEvent.RiskHalt(dep, "mainnet", t, "DAILY_LOSS", "*", "day loss 612.00 >= 600.00");
    }

    private List<String> outcomes() {
        return journal.stream().map(d -> d.outcome().code() + " " + d.channel() + " #" + d.attempt() + " @" + (d.timeMs() - T0)).toList();
    }

    @Test
    void submitReturnsBeforeAnyDeliveryAndTheChannelLaneDoesTheWork() {
        ScriptedChannel ch = new ScriptedChannel("desk", sched::millis, null, OK);
        AlertDispatcher d = dispatcher(10, ch);

        assertThat(d.submit(halt(T0, "mainnet-aa-1"))).isEqualTo(AlertDispatcher.Submitted.QUEUED);
        assertThat(ch.attempts).as("nothing ran on the caller's thread").isEmpty();

        sched.runDue();
        assertThat(ch.delivered).hasSize(1);
        assertThat(outcomes()).containsExactly("sent desk #1 @0");
        assertThat(sched.scheduled).containsExactly("channel-desk+0", "journal+0");
    }

    @Test
    void retryableFailuresBackOffExponentiallyCappedAndThenSucceed() {
        ScriptedChannel ch = new ScriptedChannel("hook", sched::millis, null, RETRYABLE, RETRYABLE, RETRYABLE, OK);
        AlertDispatcher d = dispatcher(10, ch);
        d.submit(halt(T0, "mainnet-aa-1"));

        sched.runDue();
        assertThat(ch.attempts).containsExactly("risk_halt@" + T0);
        assertThat(sched.nextDue()).isEqualTo(T0 + 2_000);
        sched.advance(1_999);
        assertThat(ch.attempts).as("not before the backoff").hasSize(1);
        sched.advance(60_000);

        // 2 s, then 4 s, then 8 s capped at 5 s.
        assertThat(ch.attempts).containsExactly("risk_halt@" + T0, "risk_halt@" + (T0 + 2_000), "risk_halt@" + (T0 + 6_000),
                "risk_halt@" + (T0 + 11_000));
        assertThat(outcomes()).containsExactly("retry hook #1 @0", "retry hook #2 @2000", "retry hook #3 @6000", "sent hook #4 @11000");
        assertThat(journal.get(0).detail()).endsWith("attempt 2 in 2000 ms");
        assertThat(d.stats()).containsExactly(new AlertDispatcher.ChannelStats("hook", 1, 0, 0, 0));
    }

    @Test
    void givesUpAfterMaxAttemptsAndNeverRetriesAFinalError() {
        ScriptedChannel flaky = new ScriptedChannel("flaky", sched::millis, null, RETRYABLE, RETRYABLE, RETRYABLE, RETRYABLE, OK);
        ScriptedChannel refused = new ScriptedChannel("refused", sched::millis, null, FINAL);
        AlertDispatcher d = dispatcher(10, flaky, refused);
        d.submit(halt(T0, "mainnet-aa-1"));
        sched.advance(120_000);

        assertThat(flaky.attempts).hasSize(4);
        assertThat(flaky.delivered).isEmpty();
        assertThat(refused.attempts).hasSize(1);
        assertThat(journal).filteredOn(j -> j.outcome() == AlertJournal.Outcome.FAILED)
                .extracting(j -> j.channel() + ": " + j.detail().replaceAll("^.*; ", ""))
                .containsExactlyInAnyOrder("refused: not retried", "flaky: gave up after 4 attempts");
        assertThat(d.stats()).extracting(AlertDispatcher.ChannelStats::failed).containsExactly(1L, 1L);
    }

    @Test
    void theSameKeyWithinTheWindowIsSentOnceAndAgainAfterIt() {
        ScriptedChannel ch = new ScriptedChannel("desk", sched::millis, null);
        AlertDispatcher d = dispatcher(10, ch);

        assertThat(d.submit(halt(T0, "mainnet-aa-1"))).isEqualTo(AlertDispatcher.Submitted.QUEUED);
        sched.advance(60_000);
        assertThat(d.submit(halt(T0 + 60_000, "mainnet-aa-1"))).isEqualTo(AlertDispatcher.Submitted.DUPLICATE);
        assertThat(d.submit(halt(T0 + 60_000, "mainnet-bb-1"))).as("another deployment is another key")
                .isEqualTo(AlertDispatcher.Submitted.QUEUED);
        sched.advance(9 * 60_000 - 1);
        assertThat(d.submit(halt(sched.millis(), "mainnet-aa-1"))).isEqualTo(AlertDispatcher.Submitted.DUPLICATE);
        sched.advance(1);
        assertThat(d.submit(halt(sched.millis(), "mainnet-aa-1"))).as("the window has passed").isEqualTo(AlertDispatcher.Submitted.QUEUED);
        sched.runDue();

        assertThat(ch.delivered).extracting(AlertEvent::deploymentId).containsExactly("mainnet-aa-1", "mainnet-bb-1", "mainnet-aa-1");
        assertThat(d.suppressed()).isEqualTo(2);
        assertThat(journal).filteredOn(j -> j.outcome() == AlertJournal.Outcome.SUPPRESSED).hasSize(2)
                .allSatisfy(j -> assertThat(j.channel()).isEqualTo("-"));
    }

    @Test
    void dailySummariesOfDifferentDaysAreDifferentKeys() {
        ScriptedChannel ch = new ScriptedChannel("desk", sched::millis, null);
        AlertDispatcher d = dispatcher(10, ch);
        var day1 = new AlertEvent.DailySummary("paper-aa-1", "paper", T0, java.time.LocalDate.of(2025, 12, 31), 1.0, 0.0, 0, 0, 0, 0, 0);
        var day2 = new AlertEvent.DailySummary("paper-aa-1", "paper", T0, java.time.LocalDate.of(2026, 1, 1), 1.0, 0.0, 0, 0, 0, 0, 0);
        assertThat(d.submit(day1)).isEqualTo(AlertDispatcher.Submitted.QUEUED);
        assertThat(d.submit(day2)).isEqualTo(AlertDispatcher.Submitted.QUEUED);
        assertThat(d.submit(day2)).isEqualTo(AlertDispatcher.Submitted.DUPLICATE);
    }

    @Test
    void channelFiltersBySeverityAndKind() {
        ScriptedChannel critical = new ScriptedChannel("pager", sched::millis, null);
        critical.filter = new AlertsConfig.Filter(Severity.CRITICAL, Set.of());
        ScriptedChannel summaries = new ScriptedChannel("summaries", sched::millis, null);
        summaries.filter = new AlertsConfig.Filter(Severity.INFO, Set.of("daily_summary"));
        AlertDispatcher d = dispatcher(10, critical, summaries);

        for (AlertEvent e : AlertEvent.samples(T0)) {
            d.submit(e);
        }
        sched.runDue();
        assertThat(critical.delivered).extracting(AlertEvent::kind)
                .containsExactly("risk_halt", "emergency_stop", "runner_crash", "order_failure_rate", "reconciliation");
        assertThat(summaries.delivered).extracting(AlertEvent::kind).containsExactly("daily_summary");
        assertThat(d.submit(new AlertEvent.SocketDown("x", "paper", T0, "user", 1, 1)))
                .isEqualTo(AlertDispatcher.Submitted.NO_CHANNEL);
    }

    @Test
    void aFullChannelQueueDropsNewDeliveriesAndSaysSoWhileOtherChannelsGetThemAll() {
        ScriptedChannel slow = new ScriptedChannel("slow", sched::millis, null, RETRYABLE, RETRYABLE, RETRYABLE);
        ScriptedChannel fine = new ScriptedChannel("fine", sched::millis, null);
        AlertDispatcher d = dispatcher(2, slow, fine);
        for (int i = 0; i < 5; i++) {
            d.submit(halt(T0, "mainnet-" + i));
            // The lanes work between submissions: "fine" keeps up, "slow" keeps failing and retrying.
            sched.runDue();
        }
        sched.advance(60_000);

        assertThat(fine.delivered).hasSize(5);
        assertThat(slow.attempts).as("only two were ever queued").extracting(a -> a).hasSize(2 + 3);
        assertThat(journal).filteredOn(j -> j.outcome() == AlertJournal.Outcome.DROPPED)
                .extracting(AlertJournal.Delivery::channel, j -> j.event().deploymentId())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("slow", "mainnet-2"),
                        org.assertj.core.groups.Tuple.tuple("slow", "mainnet-3"), org.assertj.core.groups.Tuple.tuple("slow", "mainnet-4"));
        assertThat(d.stats().get(0).dropped()).isEqualTo(3);
    }

    @Test
    void secretsInChannelErrorsNeverReachTheJournal() {
        String token = "8123456789:AAH-secret-bot-token";
        ScriptedChannel ch = new ScriptedChannel("tg", sched::millis, token, RETRYABLE, FINAL);
        AlertDispatcher d = dispatcher(10, ch);
        d.submit(halt(T0, "mainnet-aa-1"));
        sched.advance(60_000);

        assertThat(journal).hasSize(2);
        assertThat(journal).allSatisfy(j -> assertThat(j.describe()).doesNotContain(token).doesNotContain("AAH-secret"));
        assertThat(journal.get(0).detail()).contains("https://hooks.example/***");
        assertThat(journal.get(1).detail()).contains("HTTP 403 for token ***");
    }

    @Test
    void aHungChannelNeverBlocksTheCallerNorTheOtherChannels() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch hungEntered = new CountDownLatch(1);
        AlertChannel hung = new AlertChannel() {
            public String name() {
                return "hung";
            }

            public String type() {
                return "test";
            }

            public boolean accepts(AlertEvent e) {
                return true;
            }

            public void send(AlertEvent e) throws DeliveryException {
                hungEntered.countDown();
                try {
                    release.await(); // a server that never answers
                } catch (InterruptedException ex) {
                    throw new DeliveryException("interrupted", false);
                }
            }

            public List<String> secrets() {
                return List.of();
            }
        };
        int n = 50;
        java.util.concurrent.Semaphore healthyGotOne = new java.util.concurrent.Semaphore(0);
        AlertChannel healthy = new ScriptedChannel("healthy", System::currentTimeMillis, null) {
            @Override
            public void send(AlertEvent e) throws DeliveryException {
                super.send(e);
                healthyGotOne.release();
            }
        };
        List<AlertJournal.Delivery> records = Collections.synchronizedList(new ArrayList<>());
        AlertDispatcher d = new AlertDispatcher(List.of(hung, healthy), records::add,
                new AlertDispatcher.Settings(Duration.ofMinutes(10), 10, RETRY), InstantSource.system(), new ThreadedScheduler());
        try {
            List<AlertDispatcher.Submitted> answers = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                answers.add(d.submit(halt(T0 + i, "mainnet-" + i)));
                // The healthy channel delivers each one while the hung one holds its own lane.
                assertThat(healthyGotOne.tryAcquire(30, TimeUnit.SECONDS)).as("healthy delivery %d", i).isTrue();
            }
            // Reaching this line at all is the point: 50 submits returned while the hung channel holds its lane.
            assertThat(answers).containsOnly(AlertDispatcher.Submitted.QUEUED);
            assertThat(hungEntered.await(30, TimeUnit.SECONDS)).isTrue();
            AlertDispatcher.ChannelStats hungStats = d.stats().get(0);
            assertThat(hungStats.sent()).isZero();
            assertThat(hungStats.inFlight()).isEqualTo(10);
            assertThat(hungStats.dropped()).isEqualTo(n - 10);
            assertThat(d.awaitIdle(Duration.ofMillis(1))).as("the hung deliveries are still pending").isFalse();
        } finally {
            release.countDown();
            d.close(Duration.ofSeconds(10));
        }
        assertThat(records).filteredOn(r -> r.outcome() == AlertJournal.Outcome.SENT && r.channel().equals("healthy")).hasSize(n);
        assertThat(records).filteredOn(r -> r.outcome() == AlertJournal.Outcome.DROPPED).hasSize(n - 10);
    }

    @Test
    void aClosedDispatcherRefusesNewEvents() {
        AlertDispatcher d = dispatcher(10, new ScriptedChannel("desk", sched::millis, null));
        d.close(Duration.ZERO);
        assertThat(d.submit(halt(T0, "x"))).isEqualTo(AlertDispatcher.Submitted.CLOSED);
    }
}
