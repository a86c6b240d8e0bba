package org.redteam.storage;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Nullable column reads that work on every driver ({@code getObject(col, Long.class)} fails on
 * SQLite's NULL).
 */
public final class Rows {

    private Rows() {
    }

    public static Optional<Long> optionalLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(value);
    }

    public static Optional<Integer> optionalInt(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(value);
    }

    public static Optional<Double> optionalDouble(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(value);
    }
}
