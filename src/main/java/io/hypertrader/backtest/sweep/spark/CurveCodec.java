package io.hypertrader.backtest.sweep.spark;

import io.hypertrader.analytics.CostTotals;
import io.hypertrader.analytics.CycleOutcome;
import io.hypertrader.analytics.RoundTrip;
import io.hypertrader.backtest.sweep.TrialResult;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A trial's curve (Monte Carlo fans, walk-forward stitching) as one binary Parquet cell: every
 * long and double as its 64 bits, so the curve read back equals the one the executor computed.
 * No Spark types here: the codec is tested on its own.
 */
public final class CurveCodec {
    private static final int FORMAT = 1;

    private CurveCodec() {
    }

    public static byte[] encode(TrialResult.Curve c) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + c.time().length * 32);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(FORMAT);
            int n = c.time().length;
            out.writeInt(n);
            for (long t : c.time()) {
                out.writeLong(t);
            }
            for (double[] col : new double[][]{c.equity(), c.price(), c.netExposure()}) {
                if (col.length != n) {
                    throw new IllegalArgumentException("curve columns differ in length");
                }
                for (double x : col) {
                    out.writeDouble(x);
                }
            }
            out.writeInt(c.trades().size());
            for (RoundTrip r : c.trades()) {
                out.writeLong(r.openTime());
                out.writeLong(r.closeTime());
                out.writeDouble(r.netPnl());
            }
            out.writeInt(c.cycles().size());
            for (CycleOutcome o : c.cycles()) {
                out.writeLong(o.startTime());
                out.writeLong(o.endTime());
                out.writeDouble(o.quantity());
                out.writeDouble(o.entry());
                out.writeDouble(o.extreme());
                out.writeDouble(o.netPnl());
                out.writeDouble(o.hedgeRatio());
                out.writeBoolean(o.complete());
                out.writeBoolean(o.endReason() != null);
                if (o.endReason() != null) {
                    out.writeUTF(o.endReason());
                }
            }
            CostTotals k = c.costs();
            out.writeDouble(k.fees());
            out.writeDouble(k.funding());
            out.writeDouble(k.slippage());
            out.writeDouble(k.tradedNotional());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static TrialResult.Curve decode(byte[] b) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(b))) {
            int format = in.readInt();
            if (format != FORMAT) {
                throw new IllegalStateException("curve format " + format + ", this build reads " + FORMAT);
            }
            int n = in.readInt();
            long[] time = new long[n];
            for (int i = 0; i < n; i++) {
                time[i] = in.readLong();
            }
            double[][] cols = new double[3][n];
            for (double[] col : cols) {
                for (int i = 0; i < n; i++) {
                    col[i] = in.readDouble();
                }
            }
            int trips = in.readInt();
            List<RoundTrip> trades = new ArrayList<>(trips);
            for (int i = 0; i < trips; i++) {
                trades.add(new RoundTrip(in.readLong(), in.readLong(), in.readDouble()));
            }
            int m = in.readInt();
            List<CycleOutcome> cycles = new ArrayList<>(m);
            for (int i = 0; i < m; i++) {
                long start = in.readLong(), end = in.readLong();
                double q = in.readDouble(), entry = in.readDouble(), extreme = in.readDouble(), pnl = in.readDouble(),
                        hedge = in.readDouble();
                boolean complete = in.readBoolean();
                String reason = in.readBoolean() ? in.readUTF() : null;
                cycles.add(new CycleOutcome(start, end, q, entry, extreme, pnl, hedge, complete, reason));
            }
            CostTotals costs = new CostTotals(in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble());
            return new TrialResult.Curve(time, cols[0], cols[1], cols[2], trades, cycles, costs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
