package io.hypertrader.ops.backup;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * The row count and a content hash of a relation, the same whether it is read from a DuckDB table
 * or from the Parquet file it was exported to: SHA-256 over the column names and types, then every
 * row in {@code ORDER BY ALL} order, each value length-prefixed in a canonical text (doubles by
 * their bits, so 0.1 and 0.1000000000000001 differ; NULL distinct from the text "null").
 *
 * @param rows   the row count
 * @param sha256 lower-case hex
 */
public record TableDigest(long rows, String sha256) {

    /** Digest of {@code SELECT * FROM <from> ORDER BY ALL}, e.g. {@code from = "\"candles\""} or {@code "read_parquet('...')"}. */
    public static TableDigest of(Connection c, String from) throws SQLException {
        MessageDigest md = newDigest();
        long rows = 0;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM " + from + " ORDER BY ALL")) {
            ResultSetMetaData meta = rs.getMetaData();
            int n = meta.getColumnCount();
            for (int i = 1; i <= n; i++) {
                put(md, meta.getColumnName(i) + " " + meta.getColumnTypeName(i));
            }
            md.update((byte) '\n');
            while (rs.next()) {
                for (int i = 1; i <= n; i++) {
                    Object v = rs.getObject(i);
                    put(md, v == null ? null : canonical(v));
                }
                md.update((byte) '\n');
                rows++;
            }
        }
        return new TableDigest(rows, HexFormat.of().formatHex(md.digest()));
    }

    private static String canonical(Object v) {
        return switch (v) {
            case Double d -> "d" + Long.toHexString(Double.doubleToLongBits(d));
            case Float f -> "f" + Integer.toHexString(Float.floatToIntBits(f));
            case byte[] b -> "x" + HexFormat.of().formatHex(b);
            case java.math.BigDecimal b -> b.toPlainString();
            default -> v.toString();
        };
    }

    private static void put(MessageDigest md, String s) {
        if (s == null) {
            md.update((byte) '~'); // NULL: no length, so it cannot equal any text
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        md.update((b.length + ":").getBytes(StandardCharsets.US_ASCII));
        md.update(b);
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
