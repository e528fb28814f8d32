package io.hypertrader.portfolio;

import io.hypertrader.core.Coin;
import io.hypertrader.core.Instrument;

import java.util.Arrays;
import java.util.List;

/**
 * One cross-margin USDC account with a net (one-way) position per coin, as Hyperliquid keeps it.
 * Coins are addressed by index (0..n-1, the order given at construction) so the replay loop
 * never looks anything up by name.
 *
 * <p>Units and signs: sizes in coins, long positive; money in USDC. {@code fees}, {@code funding}
 * and {@code slippage} are costs (positive = paid). Equity = cash + sum of size * (mark - entry);
 * savings are outside the trading equity. Initial margin = |size| * mark / leverage; maintenance
 * margin = |size| * mark / (2 * maxLeverage).
 *
 * <p>Ledger: besides the average-cost books (cash, entry, realized), the account keeps the cash
 * flows at arrival prices, so {@link #pricePnl()} is computed independently of the books and
 * {@code equity + savings - initial = pricePnl - fees - funding - slippage} is a real check.
 */
public final class Account {
    private final Coin[] coins;
    private final Instrument[] instruments;
    private final double initialCash;
    private double cash;
    private double savings;
    private final double[] pos;
    private final double[] entry;
    private final double[] mark;
    private final double[] leverage;
    private final double[] realized;
    private final double[] fees;
    private final double[] funding;
    private final double[] slippage;
    private final double[] arrivalFlow;
    private final double[] volume;
    /** maintenanceFraction() per coin, computed once (the replay loop tests maintenance at every point). */
    private final double[] maintFrac;
    /**
     * Bumped by every change of cash, positions or entries; {@link #marksVersion} by every mark
     * change. The liquidation price of a coin depends only on these, so it is cached per version.
     */
    private long version;
    private long marksVersion;
    private final long[] liqVersion;
    private final long[] liqMarksVersion;
    private final double[] liqPrice;

    public Account(List<Instrument> instruments, double initialCash) {
        if (!(initialCash > 0) || Double.isInfinite(initialCash)) {
            throw new IllegalArgumentException("initial equity must be positive, got " + initialCash);
        }
        int n = instruments.size();
        this.instruments = instruments.toArray(new Instrument[0]);
        this.coins = new Coin[n];
        for (int i = 0; i < n; i++) {
            coins[i] = this.instruments[i].coin();
        }
        this.initialCash = initialCash;
        this.cash = initialCash;
        pos = new double[n];
        entry = new double[n];
        Arrays.fill(entry, Double.NaN);
        mark = new double[n];
        Arrays.fill(mark, Double.NaN);
        leverage = new double[n];
        for (int i = 0; i < n; i++) {
            leverage[i] = Math.min(20, this.instruments[i].maxLeverage()); // Hyperliquid's default
        }
        realized = new double[n];
        fees = new double[n];
        funding = new double[n];
        slippage = new double[n];
        arrivalFlow = new double[n];
        volume = new double[n];
        maintFrac = new double[n];
        for (int i = 0; i < n; i++) {
            maintFrac[i] = this.instruments[i].maintenanceFraction();
        }
        liqVersion = new long[n];
        Arrays.fill(liqVersion, -1);
        liqMarksVersion = new long[n];
        liqPrice = new double[n];
    }

    public int size() {
        return coins.length;
    }

    public Coin coin(int i) {
        return coins[i];
    }

    public Instrument instrument(int i) {
        return instruments[i];
    }

    /** Index of a coin, -1 when the account does not hold it. */
    public int index(Coin coin) {
        for (int i = 0; i < coins.length; i++) {
            if (coins[i].equals(coin)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Books a fill: signed size (+ buy), fill price, fee paid, and the market price at arrival
     * (for the slippage split). Returns the realized price P&L of the reduced part.
     */
    public double fill(int c, double signedSize, double price, double fee, double arrivalPrice) {
        version++;
        double p0 = pos[c];
        double r = 0;
        if (p0 == 0 || Math.signum(p0) == Math.signum(signedSize)) {
            double n = Math.abs(p0) + Math.abs(signedSize);
            entry[c] = p0 == 0 ? price : (entry[c] * Math.abs(p0) + price * Math.abs(signedSize)) / n;
            pos[c] = p0 + signedSize;
        } else {
            double closed = Math.min(Math.abs(signedSize), Math.abs(p0));
            r = closed * (price - entry[c]) * Math.signum(p0);
            double p1 = p0 + signedSize;
            if (Math.abs(signedSize) > Math.abs(p0)) {
                entry[c] = price; // flipped: the rest opened at this price
                pos[c] = p1;
            } else {
                pos[c] = Math.abs(p1) < 1e-12 * Math.max(1, Math.abs(p0)) ? 0 : p1;
                if (pos[c] == 0) {
                    entry[c] = Double.NaN;
                }
            }
        }
        realized[c] += r;
        fees[c] += fee;
        cash += r - fee;
        double slip = signedSize * (price - arrivalPrice);
        slippage[c] += slip;
        arrivalFlow[c] -= signedSize * arrivalPrice;
        volume[c] += Math.abs(signedSize) * price;
        if (Double.isNaN(mark[c])) {
            mark[c] = price;
            marksVersion++;
        }
        return r;
    }

    /** Applies one funding settlement: the position pays size * price * rate (negative = receives). */
    public double fund(int c, double price, double rate) {
        version++;
        double payment = pos[c] * price * rate;
        funding[c] += payment;
        cash -= payment;
        return payment;
    }

    public void setMark(int c, double price) {
        mark[c] = price;
        marksVersion++;
    }

    public void setLeverage(int c, double lev) {
        version++;
        leverage[c] = lev;
    }

    /** Moves cash to savings (profit skim); refuses more than the free collateral. */
    public void toSavings(double usd) {
        if (!(usd > 0)) {
            return;
        }
        double amount = Math.min(usd, Math.max(0, freeCollateral()));
        version++;
        cash -= amount;
        savings += amount;
    }

    public double position(int c) {
        return pos[c];
    }

    public double entry(int c) {
        return entry[c];
    }

    public double mark(int c) {
        return mark[c];
    }

    public double leverage(int c) {
        return leverage[c];
    }

    public double unrealized(int c) {
        return pos[c] == 0 ? 0 : pos[c] * (mark[c] - entry[c]);
    }

    public double equity() {
        double e = cash;
        for (int c = 0; c < pos.length; c++) {
            if (pos[c] != 0) {
                e += pos[c] * (mark[c] - entry[c]);
            }
        }
        return e;
    }

    /** Trading equity plus savings: the account's total value. */
    public double totalValue() {
        return equity() + savings;
    }

    public double initialMargin() {
        double m = 0;
        for (int c = 0; c < pos.length; c++) {
            if (pos[c] != 0) {
                m += Math.abs(pos[c]) * mark[c] / leverage[c];
            }
        }
        return m;
    }

    public double maintenanceMargin() {
        double m = 0;
        for (int c = 0; c < pos.length; c++) {
            if (pos[c] != 0) {
                m += Math.abs(pos[c]) * mark[c] * maintFrac[c];
            }
        }
        return m;
    }

    /**
     * True when equity is below the total maintenance margin (one pass, no allocation: the
     * replay loop calls it at every path point).
     */
    public boolean belowMaintenance() {
        double e = cash;
        double mm = 0;
        boolean any = false;
        for (int c = 0; c < pos.length; c++) {
            double p = pos[c];
            if (p != 0) {
                any = true;
                e += p * (mark[c] - entry[c]);
                mm += Math.abs(p) * mark[c] * maintFrac[c];
            }
        }
        return any && e < mm * (1 + 1e-12) + 1e-9;
    }

    /**
     * The mark of coin c at which equity would equal the total maintenance margin, the other
     * coins' marks held fixed (equity and maintenance are both linear in one mark). NaN when
     * flat or when no such positive price exists.
     */
    public double liquidationPrice(int c) {
        // One coin: its own mark does not enter, so the price changes only with the books.
        if (liqVersion[c] == version && (pos.length == 1 || liqMarksVersion[c] == marksVersion)) {
            return liqPrice[c];
        }
        double x = solveLiquidationPrice(c);
        liqVersion[c] = version;
        liqMarksVersion[c] = marksVersion;
        liqPrice[c] = x;
        return x;
    }

    private double solveLiquidationPrice(int c) {
        double p = pos[c];
        if (p == 0) {
            return Double.NaN;
        }
        double other = cash;
        double mmOther = 0;
        for (int j = 0; j < pos.length; j++) {
            if (j != c && pos[j] != 0) {
                other += pos[j] * (mark[j] - entry[j]);
                mmOther += Math.abs(pos[j]) * mark[j] * maintFrac[j];
            }
        }
        // other + p * (x - entry) = mmOther + |p| * x * f
        double slope = p - Math.abs(p) * maintFrac[c];
        if (slope == 0) {
            return Double.NaN;
        }
        double x = (mmOther - other + p * entry[c]) / slope;
        return x > 0 ? x : Double.NaN;
    }

    public double freeCollateral() {
        return equity() - initialMargin();
    }

    public boolean anyPosition() {
        for (double p : pos) {
            if (p != 0) {
                return true;
            }
        }
        return false;
    }

    /** Realized P&L minus fees minus funding plus unrealized, for one coin. */
    public double netPnl(int c) {
        return realized[c] - fees[c] - funding[c] + unrealized(c);
    }

    public double cash() {
        return cash;
    }

    public double savings() {
        return savings;
    }

    public double initialCash() {
        return initialCash;
    }

    public double fees(int c) {
        return fees[c];
    }

    public double funding(int c) {
        return funding[c];
    }

    public double slippage(int c) {
        return slippage[c];
    }

    public double realized(int c) {
        return realized[c];
    }

    public double tradedNotional(int c) {
        return volume[c];
    }

    /** Price P&L of coin c at arrival prices: the arrival-price cash flows plus the position at the mark. */
    public double pricePnl(int c) {
        return arrivalFlow[c] + (pos[c] == 0 ? 0 : pos[c] * mark[c]);
    }

    public double pricePnl() {
        double s = 0;
        for (int c = 0; c < pos.length; c++) {
            s += pricePnl(c);
        }
        return s;
    }

    public double totalFees() {
        return sum(fees);
    }

    public double totalFunding() {
        return sum(funding);
    }

    public double totalSlippage() {
        return sum(slippage);
    }

    /**
     * {@code Arrays.stream(x).sum()} without the stream (the summary asks several times per run):
     * the same compensated (Kahan) summation the JDK uses, so the same bits.
     */
    private static double sum(double[] x) {
        double sum = 0;
        double compensation = 0;
        double simple = 0;
        for (double v : x) {
            double y = v - compensation;
            double t = sum + y;
            compensation = (t - sum) - y;
            sum = t;
            simple += v;
        }
        double total = sum - compensation;
        return Double.isNaN(total) && Double.isInfinite(simple) ? simple : total;
    }

    /**
     * The ledger identity's residual: (total value - initial) - (price P&L - fees - funding -
     * slippage). Zero up to floating-point error when the books are right.
     */
    public double ledgerResidual() {
        return (totalValue() - initialCash) - (pricePnl() - totalFees() - totalFunding() - totalSlippage());
    }
}
