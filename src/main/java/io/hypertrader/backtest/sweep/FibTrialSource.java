package io.hypertrader.backtest.sweep;

import io.hypertrader.core.CandleSeries;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Instrument;
import io.hypertrader.core.Interval;
import io.hypertrader.sim.model.FundingHistory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link FibTrialFactory} that travels: the binder (config text and flags, serialisable) and the
 * study's data (candles, funding, instruments, detail candles) encoded once into one byte array,
 * so a Spark job ships it to each executor once (as a broadcast) and no executor opens a database.
 *
 * <p>The encoding is exact: longs and doubles go as their 64 bits, so the executor's candles equal
 * the driver's and so do the trials built from them.
 */
public final class FibTrialSource implements PortableTrialFactory {
    private static final long serialVersionUID = 1L;
    private static final int FORMAT = 1;

    /** A {@link FibSetup.Binder} that can be serialised (it carries config text, not file paths). */
    public interface PortableBinder extends FibSetup.Binder, Serializable {
    }

    private final PortableBinder binder;
    private final byte[] data;

    private FibTrialSource(PortableBinder binder, byte[] data) {
        this.binder = Objects.requireNonNull(binder, "binder");
        this.data = data;
    }

    /** Encodes the data a {@link FibTrialFactory} is built from (same arguments as its constructor). */
    public static FibTrialSource of(PortableBinder binder, List<CandleSeries> candles, Map<Coin, FundingHistory> funding,
                                    List<Instrument> instruments, Map<Coin, CandleSeries> detail) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(FORMAT);
            out.writeInt(candles.size());
            for (CandleSeries c : candles) {
                writeSeries(out, c);
            }
            out.writeInt(instruments.size());
            for (Instrument i : instruments) {
                out.writeUTF(i.coin().name());
                out.writeInt(i.szDecimals());
                out.writeInt(i.maxLeverage());
            }
            out.writeInt(funding.size());
            for (var e : new java.util.TreeMap<>(funding).entrySet()) {
                out.writeUTF(e.getKey().name());
                FundingHistory f = e.getValue();
                out.writeInt(f.size());
                for (int k = 0; k < f.size(); k++) {
                    out.writeLong(f.time(k));
                    out.writeDouble(f.rate(k));
                }
            }
            out.writeInt(detail.size());
            for (var e : new java.util.TreeMap<>(detail).entrySet()) {
                out.writeUTF(e.getKey().name());
                writeSeries(out, e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new FibTrialSource(binder, bytes.toByteArray());
    }

    /**
     * SHA-256 (hex) of what decides the trials: the binder (config text, flags, simulator) and the
     * data. Two sources with the same fingerprint build the same trials.
     */
    public String fingerprint() {
        try {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            md.update(binder.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            md.update(data);
            return java.util.HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Size of the encoded data in bytes (what each executor receives once). */
    public int dataBytes() {
        return data.length;
    }

    @Override
    public FibTrialFactory open() {
        Map<String, Coin> coins = new java.util.HashMap<>(); // one instance per coin, as on the driver
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            int format = in.readInt();
            if (format != FORMAT) {
                throw new IllegalStateException("trial data format " + format + ", this build reads " + FORMAT
                        + ": the driver and the executors run different builds");
            }
            int n = in.readInt();
            List<CandleSeries> candles = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                candles.add(readSeries(in, coins));
            }
            n = in.readInt();
            List<Instrument> instruments = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                instruments.add(new Instrument(coin(coins, in.readUTF()), in.readInt(), in.readInt()));
            }
            n = in.readInt();
            Map<Coin, FundingHistory> funding = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                Coin coin = coin(coins, in.readUTF());
                int m = in.readInt();
                long[] t = new long[m];
                double[] r = new double[m];
                for (int k = 0; k < m; k++) {
                    t[k] = in.readLong();
                    r[k] = in.readDouble();
                }
                funding.put(coin, new FundingHistory(t, r));
            }
            n = in.readInt();
            Map<Coin, CandleSeries> detail = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                Coin coin = coin(coins, in.readUTF());
                detail.put(coin, readSeries(in, coins));
            }
            return new FibTrialFactory(binder, candles, funding, instruments, detail);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeSeries(DataOutputStream out, CandleSeries c) throws IOException {
        out.writeUTF(c.coin().name());
        out.writeUTF(c.interval().code());
        int n = c.size();
        out.writeInt(n);
        for (long t : c.openTimes()) {
            out.writeLong(t);
        }
        for (double[] col : new double[][]{c.opens(), c.highs(), c.lows(), c.closes(), c.volumes()}) {
            for (int i = 0; i < n; i++) {
                out.writeDouble(col[i]);
            }
        }
    }

    private static Coin coin(Map<String, Coin> coins, String name) {
        return coins.computeIfAbsent(name, Coin::of);
    }

    private static CandleSeries readSeries(DataInputStream in, Map<String, Coin> coins) throws IOException {
        Coin coin = coin(coins, in.readUTF());
        Interval iv = Interval.parse(in.readUTF());
        int n = in.readInt();
        long[] t = new long[n];
        for (int i = 0; i < n; i++) {
            t[i] = in.readLong();
        }
        double[][] cols = new double[5][n];
        for (double[] col : cols) {
            for (int i = 0; i < n; i++) {
                col[i] = in.readDouble();
            }
        }
        return new CandleSeries(coin, iv, t, cols[0], cols[1], cols[2], cols[3], cols[4]);
    }
}
