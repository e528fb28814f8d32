package io.hypertrader.data;

import io.hypertrader.core.Coin;
import io.hypertrader.core.Network;
import org.duckdb.DuckDBAppender;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The coin_meta table: a network's perp universe as last fetched from {@code meta}. */
public final class CoinMetaStore {
    private final Database db;
    private final InstantSource clock;

    public CoinMetaStore(Database db, InstantSource clock) {
        this.db = Objects.requireNonNull(db, "db");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Replaces the stored universe of {@code network} with {@code universe}, in one transaction. */
    public void replaceAll(Network network, List<CoinMeta> universe) {
        long now = clock.millis();
        try {
            db.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM coin_meta WHERE network = ?")) {
                    ps.setString(1, network.toString());
                    ps.executeUpdate();
                }
                try (DuckDBAppender ap = db.connection().createAppender("coin_meta")) {
                    for (CoinMeta m : universe) {
                        ap.beginRow();
                        ap.append(network.toString());
                        ap.append(m.coin().name());
                        ap.append(m.assetIndex());
                        ap.append(m.szDecimals());
                        ap.append(m.maxLeverage());
                        ap.append(m.onlyIsolated());
                        ap.append(m.delisted());
                        ap.append(now);
                        ap.endRow();
                    }
                }
                return null;
            });
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write " + network + " coin meta: " + e.getMessage(), e);
        }
    }

    /** The stored meta of one coin on a network. */
    public Optional<CoinMeta> find(Network network, Coin coin) {
        List<CoinMeta> l = select("SELECT coin, asset_index, sz_decimals, max_leverage, only_isolated, is_delisted"
                + " FROM coin_meta WHERE network = ? AND coin = ?", network, coin);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.getFirst());
    }

    /** The stored universe of a network, by asset index. */
    public List<CoinMeta> all(Network network) {
        return select("SELECT coin, asset_index, sz_decimals, max_leverage, only_isolated, is_delisted"
                + " FROM coin_meta WHERE network = ? ORDER BY asset_index", network, null);
    }

    private List<CoinMeta> select(String sql, Network network, Coin coin) {
        try (PreparedStatement ps = db.connection().prepareStatement(sql)) {
            ps.setString(1, network.toString());
            if (coin != null) {
                ps.setString(2, coin.name());
            }
            List<CoinMeta> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new CoinMeta(new Coin(rs.getString(1)), rs.getInt(2), rs.getInt(3), rs.getInt(4),
                            rs.getBoolean(5), rs.getBoolean(6)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + network + " coin meta: " + e.getMessage(), e);
        }
    }
}
