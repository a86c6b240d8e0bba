package org.redteam.storage;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A store's schema as JDBC metadata reports it, written as sorted lines that read the same on SQLite and
 * PostgreSQL when the two schemas agree, so a test can compare two stores line by line. Covers tables,
 * columns (name, type family, nullability, default, whether the database fills it), primary keys, foreign
 * keys and indexes; not CHECK constraints, which JDBC metadata does not report. Flyway's own history table
 * and SQLite's internal tables are left out.
 */
final class StoreSchema {

    /** Declared type names (upper case) by family: the vendors spell the same kind of column differently. */
    private static final Map<String, String> FAMILIES = Map.ofEntries(
            Map.entry("INTEGER", "integer"), Map.entry("INT", "integer"), Map.entry("BIGINT", "integer"),
            Map.entry("INT4", "integer"), Map.entry("INT8", "integer"), Map.entry("BIGSERIAL", "integer"),
            Map.entry("REAL", "double"), Map.entry("FLOAT8", "double"), Map.entry("DOUBLE PRECISION", "double"),
            // PostgreSQL's REAL is 4 bytes, SQLite's 8: a migration that says REAL where it means double shows as this
            Map.entry("FLOAT4", "float4"),
            Map.entry("TEXT", "text"), Map.entry("BOOLEAN", "boolean"), Map.entry("BOOL", "boolean"));

    private StoreSchema() {
    }

    static List<String> describe(Connection c) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        String schema = md.getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres") ? c.getSchema() : null;
        TreeSet<String> lines = new TreeSet<>();
        for (String table : tables(md, schema)) {
            List<String> key = primaryKey(md, schema, table);
            lines.add(table + " primary key " + key);
            columns(md, schema, table, key, lines);
            foreignKeys(md, schema, table, lines);
            indexes(md, schema, table, key, lines);
        }
        return List.copyOf(lines);
    }

    private static List<String> tables(DatabaseMetaData md, String schema) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet rs = md.getTables(null, schema, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                if (!name.startsWith("sqlite_") && !name.equals("flyway_schema_history")) {
                    tables.add(name);
                }
            }
        }
        return tables;
    }

    /**
     * A primary-key column counts as NOT NULL: PostgreSQL makes it so, while SQLite reports (and, for a key
     * other than an integer id, would even accept) NULL unless the column says NOT NULL. No repository
     * writes a NULL key, so the difference is SQLite's, not the migrations'.
     */
    private static void columns(DatabaseMetaData md, String schema, String table, List<String> key, TreeSet<String> lines)
            throws SQLException {
        try (ResultSet rs = md.getColumns(null, schema, table, "%")) {
            while (rs.next()) {
                String column = rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT);
                String type = rs.getString("TYPE_NAME").toUpperCase(Locale.ROOT);
                String family = FAMILIES.get(type);
                if (family == null) {
                    throw new IllegalStateException(table + "." + column + ": no type family for '" + type + "'; add it to StoreSchema");
                }
                boolean nullable = rs.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls && !key.contains(column);
                String fill = "YES".equals(rs.getString("IS_AUTOINCREMENT")) ? " generated" : "";
                String def = rs.getString("COLUMN_DEF");
                lines.add(table + "." + column + " " + family + (nullable ? " null" : " not null") + fill
                        + (def == null || !fill.isEmpty() ? "" : " default " + def));
            }
        }
    }

    private static List<String> primaryKey(DatabaseMetaData md, String schema, String table) throws SQLException {
        TreeMap<Integer, String> bySeq = new TreeMap<>();
        try (ResultSet rs = md.getPrimaryKeys(null, schema, table)) {
            while (rs.next()) {
                bySeq.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
            }
        }
        return List.copyOf(bySeq.values());
    }

    /** By columns only: the vendors name unnamed constraints differently. */
    private static void foreignKeys(DatabaseMetaData md, String schema, String table, TreeSet<String> lines) throws SQLException {
        Map<String, List<String>> byKey = new TreeMap<>();
        try (ResultSet rs = md.getImportedKeys(null, schema, table)) {
            while (rs.next()) {
                String referenced = rs.getString("PKTABLE_NAME").toLowerCase(Locale.ROOT);
                String from = rs.getString("FKCOLUMN_NAME").toLowerCase(Locale.ROOT);
                String to = rs.getString("PKCOLUMN_NAME").toLowerCase(Locale.ROOT);
                // grouped by referenced table (a second key to the same table would share its line, alike on both
                // vendors); KEY_SEQ orders the columns of a composite key
                byKey.computeIfAbsent(referenced, k -> new ArrayList<>()).add(rs.getInt("KEY_SEQ") + ":" + from + "->" + to);
            }
        }
        byKey.forEach((referenced, pairs) -> lines.add(table + " references " + referenced + " " + new TreeSet<>(pairs)));
    }

    /**
     * Indexes made by CREATE INDEX by name and columns; those behind a UNIQUE constraint by columns only, as
     * their names are made up by the vendor; the primary key's own index (PostgreSQL's, and SQLite's for a
     * key other than an integer id) is the primary-key line's.
     */
    private static void indexes(DatabaseMetaData md, String schema, String table, List<String> key, TreeSet<String> lines)
            throws SQLException {
        Map<String, TreeMap<Integer, String>> columns = new TreeMap<>();
        Map<String, Boolean> unique = new TreeMap<>();
        try (ResultSet rs = md.getIndexInfo(null, schema, table, false, false)) {
            while (rs.next()) {
                String name = rs.getString("INDEX_NAME");
                if (name == null) {
                    continue; // table statistics, not an index
                }
                columns.computeIfAbsent(name, k -> new TreeMap<>())
                        .put(rs.getInt("ORDINAL_POSITION"), rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                unique.put(name, !rs.getBoolean("NON_UNIQUE"));
            }
        }
        columns.forEach((name, byPosition) -> {
            List<String> cols = List.copyOf(byPosition.values());
            if (!unique.get(name)) {
                lines.add(table + " index " + name.toLowerCase(Locale.ROOT) + " " + cols);
            } else if (!cols.equals(key)) {
                lines.add(table + " unique " + cols);
            }
        });
    }
}
