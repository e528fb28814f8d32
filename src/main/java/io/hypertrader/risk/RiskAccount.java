package io.hypertrader.risk;

import io.hypertrader.core.Coin;
import io.hypertrader.exec.ExecutionVenue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The account as the risk rules see it: every coin of every strategy one {@link RiskManager}
 * guards. A backtest, a paper and a live deployment run one strategy per coin, each behind
 * its own {@link RiskCheckedVenue}; each of those joins this view with the coins it trades, so an
 * order for one coin is checked against the positions and working orders of all the others. That
 * is what makes total leverage and the open-coin count account-wide rather than per strategy.
 *
 * <p>Every member wraps the same venue (one account: one equity, one set of positions); a member
 * joining with another venue is refused. A coin joined again (a strategy started a second time)
 * is looked up through its newest member. Not thread-safe, like the manager.
 */
final class RiskAccount implements AccountView {

    /** The member that trades each coin, in the order the coins joined. */
    private final Map<String, RiskCheckedVenue> byCoin = new LinkedHashMap<>();
    /** The venue every member wraps (null before the first joins). */
    private ExecutionVenue venue;
    private RiskCheckedVenue newest;

    /** Adds a strategy's checked venue and its coins to the account. */
    void join(RiskCheckedVenue member, List<Coin> coins) {
        if (venue == null) {
            venue = member.inner();
        } else if (venue != member.inner()) {
            throw new IllegalArgumentException("one risk manager guards one account: a strategy joined it with another venue ("
                    + member.inner() + " besides " + venue + ")");
        }
        newest = member;
        for (Coin c : coins) {
            byCoin.put(c.name(), member);
        }
    }

    @Override
    public double equity() {
        return newest == null ? Double.NaN : newest.equity();
    }

    @Override
    public double position(String coin) {
        RiskCheckedVenue m = byCoin.get(coin);
        return m == null ? 0 : m.position(coin);
    }

    @Override
    public double mark(String coin) {
        RiskCheckedVenue m = byCoin.get(coin);
        return m == null ? Double.NaN : m.mark(coin);
    }

    @Override
    public double entryPrice(String coin) {
        RiskCheckedVenue m = byCoin.get(coin);
        return m == null ? Double.NaN : m.entryPrice(coin);
    }

    @Override
    public double leverage(String coin) {
        RiskCheckedVenue m = byCoin.get(coin);
        return m == null ? 1 : m.leverage(coin);
    }

    @Override
    public double working(String coin) {
        RiskCheckedVenue m = byCoin.get(coin);
        return m == null ? 0 : m.working(coin);
    }

    @Override
    public Collection<String> openCoins() {
        List<String> out = new ArrayList<>(byCoin.size());
        for (Map.Entry<String, RiskCheckedVenue> e : byCoin.entrySet()) {
            if (e.getValue().position(e.getKey()) != 0) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    @Override
    public Collection<String> activeCoins() {
        List<String> out = new ArrayList<>(byCoin.size());
        for (Map.Entry<String, RiskCheckedVenue> e : byCoin.entrySet()) {
            RiskCheckedVenue m = e.getValue();
            if (m.position(e.getKey()) != 0 || m.working(e.getKey()) != 0) {
                out.add(e.getKey());
            }
        }
        return out;
    }
}
