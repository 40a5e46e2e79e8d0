package org.plankton.server.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The connection pool and transaction helper.
 *
 * <p>SQLite allows one writer at a time and answers a second one with "database is locked"
 * rather than waiting when a read transaction tries to upgrade. Instead of retry loops we give
 * SQLite a pool of exactly one connection: every unit of work is serialised in this process, so
 * concurrent uploads and corrections can never interleave half-way or lose a write. Work units
 * are short (no inference or file I/O happens while a connection is held), so this costs little.
 * PostgreSQL gets a real pool and relies on its own transactions and constraints.
 */
public final class Database implements AutoCloseable {

    private final HikariDataSource pool;
    private final Dialect dialect;

    private Database(HikariDataSource pool, Dialect dialect) {
        this.pool = pool;
        this.dialect = dialect;
    }

    /** The embedded database of a data directory: {@code DIR/plankton.db}. */
    public static String sqliteUrl(Path dataDir) {
        return "jdbc:sqlite:" + dataDir.resolve("plankton.db").toAbsolutePath();
    }

    /** Opens a pool on {@code jdbcUrl} and brings the schema up to date. */
    public static Database open(String jdbcUrl) throws SQLException {
        Dialect dialect = Dialect.of(jdbcUrl);
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(jdbcUrl);
        cfg.setPoolName("plankton-" + dialect.name().toLowerCase());
        cfg.setAutoCommit(true);
        if (dialect == Dialect.SQLITE) {
            cfg.setMaximumPoolSize(1);
            // Read by the SQLite driver as connection settings: cascades need foreign keys on,
            // WAL keeps readers of other processes (a backup, sqlite3 shell) from blocking us.
            cfg.addDataSourceProperty("foreign_keys", "true");
            cfg.addDataSourceProperty("journal_mode", "WAL");
            cfg.addDataSourceProperty("busy_timeout", "10000");
            cfg.addDataSourceProperty("synchronous", "NORMAL");
        } else {
            cfg.setMaximumPoolSize(8);
        }
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(cfg);
        } catch (RuntimeException e) {
            throw new SQLException("cannot open database " + Dialect.of(jdbcUrl) + ": " + rootMessage(e), e);
        }
        Database db = new Database(pool, dialect);
        try {
            new Migrations(dialect).apply(db);
        } catch (SQLException | RuntimeException e) {
            db.close();
            throw e;
        }
        return db;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    public Dialect dialect() {
        return dialect;
    }

    /** Runs {@code work} on a pooled connection in auto-commit mode (single statements, reads). */
    public <T> T read(SqlWork<T> work) throws SQLException {
        try (Connection c = pool.getConnection()) {
            return work.run(c);
        }
    }

    /** Runs {@code work} in one transaction: all of it is committed, or none of it. */
    public <T> T transaction(SqlWork<T> work) throws SQLException {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
