package io.hypertrader.live.store;

import io.hypertrader.core.UserError;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * One runner per deployment: the exclusive, renewable right of one process to trade a deployment
 * (table {@code deployment_leases}, migration 6).
 *
 * <p>A runner {@link #acquire}s the lease before it does anything else and is refused (exit 5,
 * naming the holder's pid and host) while another live runner holds it. A lease is taken over
 * only when its holder is provably gone, that is its pid is dead on this host or now belongs to a
 * process that started at another time (pids are reused), or when it has been silent (no
 * {@link #renew}) for longer than the timeout: the longer of the taker's and the one the holder
 * declared. A takeover is journaled (kind {@code lease}) with the reason.
 *
 * <p>The holder renews the heartbeat every loop; {@link #renew} and {@link #verify} throw
 * {@link LeaseLostException} once the token in the table is no longer this lease's, so a runner
 * that wakes up to find its lease taken stops before it sends anything. {@link #verify} is what the
 * journal calls in the same unit of work as writing an order ahead of sending it: DuckDB lets one
 * process open the file at a time and the runners open it per unit of work ({@link DbAccess}), so
 * the check and the write are atomic across processes, and every order is sent under the lease it
 * was decided under. {@link #release} deletes the lease on a clean end.
 *
 * <p>Times come from the injected clock (the wall clock in production; a silent holder is judged
 * by comparing its last heartbeat with the taker's clock, so both must be one host's clock or
 * synchronised ones).
 *
 * <p><b>One file (about 410 lines).</b> Acquire, renew, release and the takeover rule read and write
 * one row under the same rules.
 */
public final class DeploymentLease {

    /** Silence after which a holder that may still be alive is taken over, unless it declared longer. */
    public static final long DEFAULT_TIMEOUT_MS = 60_000;
    /** Shortest timeout accepted from the command line. */
    public static final long MIN_TIMEOUT_MS = 10_000;
    /**
     * Start times this close are the same process. The JDK derives them from the boot time and the
     * start tick, so they agree exactly; the tolerance errs towards "alive", the safe side.
     */
    static final long SAME_START_TOLERANCE_MS = 1_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A process that holds (or wants) a lease. */
    public record Holder(long pid, String host, Long processStartMs) {
        public Holder {
            Objects.requireNonNull(host, "host");
        }

        /** This process. */
        public static Holder current() {
            ProcessHandle me = ProcessHandle.current();
            return new Holder(me.pid(), hostName(), me.info().startInstant().map(Instant::toEpochMilli).orElse(null));
        }

        public String describe() {
            return "pid " + pid + " on host " + host;
        }
    }

    /** A lease as stored. */
    public record Row(String deploymentId, String token, Holder holder, long acquiredMs, long heartbeatMs, long timeoutMs) {
        /** How long the holder has not renewed, ms. */
        public long silentMs(long nowMs) {
            return nowMs - heartbeatMs;
        }
    }

    /** What the process table says about a pid on this host. */
    public record ProcessState(boolean alive, Long startMs) {
        public static final ProcessState GONE = new ProcessState(false, null);
    }

    /** Looks a pid up on this host (injectable: tests simulate dead and reused pids). */
    @FunctionalInterface
    public interface ProcessProbe {
        ProcessState state(long pid);

        /** The operating system's process table; a zombie (killed, not yet reaped) counts as gone. */
        static ProcessProbe system() {
            return pid -> {
                Optional<ProcessHandle> h = ProcessHandle.of(pid);
                if (h.isEmpty() || !h.get().isAlive() || zombie(pid)) {
                    return ProcessState.GONE;
                }
                return new ProcessState(true, h.get().info().startInstant().map(Instant::toEpochMilli).orElse(null));
            };
        }
    }

    /**
     * Who asks, how patient it is with a silent holder, and how it looks pids up.
     *
     * @param timeoutMs silence after which a holder is taken over (the holder's own declared
     *                  timeout wins when longer); also declared by this runner when it holds
     */
    public record Settings(long timeoutMs, Holder self, ProcessProbe probe) {
        public Settings {
            if (timeoutMs <= 0) {
                throw new IllegalArgumentException("lease timeout must be positive, got " + timeoutMs + " ms");
            }
            Objects.requireNonNull(self, "self");
            Objects.requireNonNull(probe, "probe");
        }

        /** 60 s, this process, the OS process table. */
        public static Settings defaults() {
            return new Settings(DEFAULT_TIMEOUT_MS, Holder.current(), ProcessProbe.system());
        }

        public Settings withTimeout(long ms) {
            return new Settings(ms, self, probe);
        }
    }

    /** Whether a lease held as {@code held} may be taken, and why. */
    record Decision(boolean take, String reason) {
    }

    /**
     * Tokens of the leases acquired in this process whose runner has not ended yet. In
     * {@code run --all} one process runs many deployments and restarts a runner that failed; when
     * that runner could not release its lease (the database failed at that moment), the lease
     * still names this live process, and without this set the restarted runner would be refused
     * until the lease fell silent, and the fleet does not restart a refused runner.
     */
    private static final Set<String> HELD_HERE = ConcurrentHashMap.newKeySet();

    private final LiveStore store;
    private final String deploymentId;
    private final String token;
    private final Holder holder;
    private final LongSupplier clock;
    private boolean released;

    private DeploymentLease(LiveStore store, String deploymentId, String token, Holder holder, LongSupplier clock) {
        this.store = store;
        this.deploymentId = deploymentId;
        this.token = token;
        this.holder = holder;
        this.clock = clock;
    }

    /**
     * Takes the lease of {@code deploymentId} for {@code settings.self()}, journaling (kind
     * {@code lease}) the acquisition, the takeover with its reason, or the refusal.
     *
     * @throws UserError REFUSED (exit 5) naming the holder's pid and host while it is alive and not silent
     */
    public static DeploymentLease acquire(LiveStore store, String deploymentId, Settings settings, LongSupplier clock) {
        String token = HexFormat.of().formatHex(randomBytes());
        Holder self = settings.self();
        Row[] refusedBy = new Row[1];
        String[] takenOver = new String[1];
        long[] silent = new long[1];
        long[] at = new long[1];
        store.db().tx(c -> {
            long now = clock.getAsLong(); // once the file is ours: opening may have waited for another process
            at[0] = now;
            Row held = read(c, deploymentId);
            Decision d = decide(held, settings, now);
            if (!d.take()) {
                refusedBy[0] = held;
                return null;
            }
            try (PreparedStatement del = c.prepareStatement("DELETE FROM deployment_leases WHERE deployment_id = ?")) {
                del.setString(1, deploymentId);
                del.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO deployment_leases VALUES (?,?,?,?,?,?,?,?)")) {
                ps.setString(1, deploymentId);
                ps.setString(2, token);
                ps.setLong(3, self.pid());
                ps.setString(4, self.host());
                if (self.processStartMs() == null) {
                    ps.setNull(5, Types.BIGINT);
                } else {
                    ps.setLong(5, self.processStartMs());
                }
                ps.setLong(6, now);
                ps.setLong(7, now);
                ps.setLong(8, settings.timeoutMs());
                ps.executeUpdate();
            }
            String detail = held == null ? "acquired by " + self.describe()
                    : "taken over from " + held.holder().describe() + ": " + d.reason() + "; now held by " + self.describe();
            if (held != null) {
                takenOver[0] = held.holder().describe() + " (" + d.reason() + ")";
                silent[0] = held.silentMs(now);
            }
            LiveStore.append(c, deploymentId, LiveStore.Entry.of(now, null, "lease", null, null, null, null, null, null, detail));
            return null;
        });
        if (refusedBy[0] != null) {
            Row h = refusedBy[0];
            long now = at[0];
            String why = "deployment " + deploymentId + " is being run by " + h.holder().describe() + " (heartbeat "
                    + seconds(h.silentMs(now)) + " ago, lease held since " + Instant.ofEpochMilli(h.acquiredMs())
                    + "); a second runner would trade the same account. Stop it first (hypertrader stop " + deploymentId
                    + "), or wait: its lease is taken over only when that process is gone or silent for "
                    + seconds(Math.max(settings.timeoutMs(), h.timeoutMs()));
            store.append(deploymentId, LiveStore.Entry.of(now, null, "lease", null, null, null, null, null, null,
                    "refused " + self.describe() + ": held by " + h.holder().describe() + ", heartbeat " + seconds(h.silentMs(now))
                            + " ago"));
            throw new UserError(UserError.Kind.REFUSED, why);
        }
        DeploymentLease lease = new DeploymentLease(store, deploymentId, token, self, clock);
        HELD_HERE.add(token);
        lease.takenOverFrom = takenOver[0];
        lease.takenOverSilentMs = silent[0];
        return lease;
    }

    /** Whom this lease was taken over from and why, or null when it was free (a clean end releases it). */
    private String takenOverFrom;
    private long takenOverSilentMs;

    public String takenOverFrom() {
        return takenOverFrom;
    }

    /** How long the holder it was taken over from had been silent, ms. */
    public long takenOverSilentMs() {
        return takenOverSilentMs;
    }

    /**
     * The rule: free leases are taken; a holder on this host whose pid is dead, or whose pid now
     * belongs to a process with another start time, is gone; any holder silent for longer than the
     * longer of the two timeouts is taken over; otherwise the lease stays where it is.
     */
    static Decision decide(Row held, Settings s, long now) {
        if (held == null) {
            return new Decision(true, null);
        }
        Holder h = held.holder();
        if (sameProcess(h, s.self()) && !HELD_HERE.contains(held.token())) {
            return new Decision(true, "the holder was a runner of this process (" + h.describe()
                    + ") that ended without releasing it");
        }
        if (h.host().equals(s.self().host())) {
            ProcessState st = s.probe().state(h.pid());
            if (!st.alive()) {
                return new Decision(true, "the holder is gone (no process " + h.pid() + " on " + h.host() + ")");
            }
            if (h.processStartMs() != null && st.startMs() != null
                    && Math.abs(h.processStartMs() - st.startMs()) > SAME_START_TOLERANCE_MS) {
                return new Decision(true, "the holder is gone (pid " + h.pid() + " now belongs to a process started at "
                        + Instant.ofEpochMilli(st.startMs()) + "; the holder started at " + Instant.ofEpochMilli(h.processStartMs()) + ")");
            }
        }
        long patience = Math.max(s.timeoutMs(), held.timeoutMs());
        long silent = held.silentMs(now);
        if (silent > patience) {
            return new Decision(true, "the holder has been silent for " + seconds(silent) + " (timeout " + seconds(patience) + ")");
        }
        return new Decision(false, null);
    }

    private static boolean sameProcess(Holder a, Holder b) {
        return a.pid() == b.pid() && a.host().equals(b.host()) && a.processStartMs() != null && b.processStartMs() != null
                && Math.abs(a.processStartMs() - b.processStartMs()) <= SAME_START_TOLERANCE_MS;
    }

    public String deploymentId() {
        return deploymentId;
    }

    public Holder holder() {
        return holder;
    }

    /** The lease's random token (tests). */
    String token() {
        return token;
    }

    /**
     * Records that the holder is alive (once per loop, before anything is sent).
     *
     * @throws LeaseLostException when another runner took the lease over
     */
    public void renew() {
        int n = store.db().tx(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE deployment_leases SET heartbeat_ms = ? WHERE deployment_id = ? AND token = ?")) {
                ps.setLong(1, clock.getAsLong());
                ps.setString(2, deploymentId);
                ps.setString(3, token);
                return ps.executeUpdate();
            }
        });
        if (n != 1) {
            throw lost();
        }
    }

    /**
     * Checks that this lease is still held. Call it inside the unit of work that journals an
     * order before sending it ({@code store.db().batch(...)} or a transaction): the file is held
     * for the whole unit, so no other process can take the lease between the check and the write.
     *
     * @throws LeaseLostException when it is not
     */
    public void verify() {
        String current = store.db().tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT token FROM deployment_leases WHERE deployment_id = ?")) {
                ps.setString(1, deploymentId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
        if (!token.equals(current)) {
            throw lost();
        }
    }

    /** Gives the lease up (clean end); does nothing when it is no longer this runner's. Journaled. */
    public void release() {
        if (released) {
            return;
        }
        long now = clock.getAsLong();
        try {
            deleteRow(now);
        } finally {
            // the runner ends with this call: if the row stays (the database failed), a runner of this
            // process may take it over at once (see HELD_HERE)
            HELD_HERE.remove(token);
        }
        released = true;
    }

    private void deleteRow(long now) {
        store.db().tx(c -> {
            int n;
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM deployment_leases WHERE deployment_id = ? AND token = ?")) {
                ps.setString(1, deploymentId);
                ps.setString(2, token);
                n = ps.executeUpdate();
            }
            if (n == 1) {
                LiveStore.append(c, deploymentId, LiveStore.Entry.of(now, null, "lease", null, null, null, null, null, null,
                        "released by " + holder.describe()));
            }
            return null;
        });
    }

    /** The lease of a deployment as stored, if any (status). */
    public static Optional<Row> current(LiveStore store, String deploymentId) {
        return Optional.ofNullable(store.db().tx(c -> read(c, deploymentId)));
    }

    private LeaseLostException lost() {
        Row now = current(store, deploymentId).orElse(null);
        return new LeaseLostException(deploymentId, holder, now);
    }

    private static Row read(Connection c, String deploymentId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT token, pid, host, process_start_ms, acquired_ms, heartbeat_ms, timeout_ms"
                + " FROM deployment_leases WHERE deployment_id = ?")) {
            ps.setString(1, deploymentId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                long start = rs.getLong(4);
                Long startMs = rs.wasNull() ? null : start;
                return new Row(deploymentId, rs.getString(1), new Holder(rs.getLong(2), rs.getString(3), startMs), rs.getLong(5),
                        rs.getLong(6), rs.getLong(7));
            }
        }
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return b;
    }

    static String seconds(long ms) {
        return String.format(Locale.ROOT, "%d s", Math.max(0, ms) / 1000);
    }

    /** The kernel's host name (Linux), else the resolver's, else "localhost". */
    public static String hostName() {
        try {
            String h = Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.US_ASCII).trim();
            if (!h.isEmpty()) {
                return h;
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: ask the resolver
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    /** A killed process its parent has not reaped yet still has a pid; /proc says it is a zombie (Linux). */
    static boolean zombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
            int close = stat.lastIndexOf(')');
            if (close < 0 || close + 2 >= stat.length()) {
                return false;
            }
            char state = stat.charAt(close + 2);
            return state == 'Z' || state == 'X';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
