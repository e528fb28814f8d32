package io.hypertrader.live.store;

import io.hypertrader.live.store.LiveStore.Deployment;
import io.hypertrader.live.store.LiveStore.Stage;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.hypertrader.live.store.SqlValues.setD;
import static io.hypertrader.live.store.SqlValues.setL;
import static io.hypertrader.live.store.SqlValues.getD;
import static io.hypertrader.live.store.SqlValues.getL;

/**
 * The {@code deployments} table behind {@link LiveStore}: ids, rows, status, capital, cap,
 * mainnet confirmation and the endpoint a deployment trades against. One transaction per call.
 */
final class DeploymentsTable {

    private final DbAccess db;

    DeploymentsTable(DbAccess db) {
        this.db = db;
    }

    String newDeploymentId(Stage stage, String hash) {
        String prefix = stage.code() + "-" + hash.substring(0, Math.min(8, hash.length())) + "-";
        long n = db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM deployments WHERE id LIKE ?")) {
                ps.setString(1, prefix + "%");
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
        return prefix + (n + 1);
    }

    void insert(Deployment d) {
        db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO deployments (id, stage, config_hash, config_name, config_path,"
                    + " config_json, account_address, status, created_ms, promoted_from, gate_report, seed, initial_equity,"
                    + " position_cap_usd, confirmed_address, confirmed_until_ms, stopped_ms, stop_reason)"
                    + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                int i = 1;
                ps.setString(i++, d.id());
                ps.setString(i++, d.stage().code());
                ps.setString(i++, d.configHash());
                ps.setString(i++, d.configName());
                ps.setString(i++, d.configPath());
                ps.setString(i++, d.configJson());
                ps.setString(i++, d.accountAddress());
                ps.setString(i++, d.status());
                ps.setLong(i++, d.createdMs());
                ps.setString(i++, d.promotedFrom());
                ps.setString(i++, d.gateReport());
                ps.setLong(i++, d.seed());
                setD(ps, i++, d.initialEquity());
                setD(ps, i++, d.positionCapUsd());
                ps.setString(i++, d.confirmedAddress());
                setL(ps, i++, d.confirmedUntilMs());
                setL(ps, i++, d.stoppedMs());
                ps.setString(i, d.stopReason());
                ps.executeUpdate();
            }
            return null;
        });
    }

    Optional<Deployment> deployment(String id) {
        List<Deployment> l = query("WHERE id = ?", id);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    List<Deployment> deployments() {
        return query("", null);
    }

    List<Deployment> deployments(String hash, Stage stage) {
        return query("WHERE config_hash = ? AND stage = '" + stage.code() + "'", hash);
    }

    private List<Deployment> query(String where, String arg) {
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, stage, config_hash, config_name, config_path, config_json,"
                    + " account_address, status, created_ms, promoted_from, gate_report, seed, initial_equity, position_cap_usd,"
                    + " confirmed_address, confirmed_until_ms, stopped_ms, stop_reason FROM deployments " + where
                    + " ORDER BY created_ms, id")) {
                if (arg != null) {
                    ps.setString(1, arg);
                }
                List<Deployment> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Deployment(rs.getString(1), Stage.parse(rs.getString(2)), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getLong(9),
                                rs.getString(10), rs.getString(11), rs.getLong(12), getD(rs, 13), getD(rs, 14),
                                rs.getString(15), getL(rs, 16), getL(rs, 17), rs.getString(18)));
                    }
                }
                return out;
            }
        });
    }

    void setStatus(String id, String status, Long stoppedMs, String reason) {
        SqlValues.update(db, "UPDATE deployments SET status = ?, stopped_ms = ?, stop_reason = ? WHERE id = ?", status, stoppedMs, reason, id);
    }

    void setPositionCap(String id, Double capUsd) {
        SqlValues.update(db, "UPDATE deployments SET position_cap_usd = ? WHERE id = ?", capUsd, id);
    }

    void setCapital(String id, double capitalUsd) {
        SqlValues.update(db, "UPDATE deployments SET initial_equity = ? WHERE id = ?", capitalUsd, id);
    }

    void setConfirmation(String id, String address, long untilMs) {
        SqlValues.update(db, "UPDATE deployments SET confirmed_address = ?, confirmed_until_ms = ? WHERE id = ?", address, untilMs, id);
    }

    Optional<String> endpoint(String id) {
        return Optional.ofNullable(db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT endpoint FROM deployments WHERE id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        }));
    }

    String recordEndpoint(String id, String url) {
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE deployments SET endpoint = ? WHERE id = ? AND endpoint IS NULL")) {
                ps.setString(1, url);
                ps.setString(2, id);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT endpoint FROM deployments WHERE id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
    }
}
