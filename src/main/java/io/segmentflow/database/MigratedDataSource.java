package io.segmentflow.database;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;

/**
 * The pool, with the schema brought up to date before the first connection is handed out. Opening
 * H2 and running Flyway costs about a second of every start on 2 cores; a one-shot run that writes
 * nothing back and sends no mail never pays it. Runs that will use the database call
 * {@link #migrateNow()} at start-up, so a wrong URL or password fails before any work is done.
 */
public final class MigratedDataSource implements DataSource {
    private final DataSource pool;
    private volatile boolean migrated;
    private PrintWriter logWriter;
    private int loginTimeout;

    public MigratedDataSource(DataSource pool) {
        this.pool = pool;
    }

    public void migrateNow() {
        if (migrated) return;
        synchronized (this) {
            if (!migrated) {
                Database.migrate(pool);
                try {
                    if (logWriter != null) pool.setLogWriter(logWriter);
                    if (loginTimeout != 0) pool.setLoginTimeout(loginTimeout);
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot configure the database pool: " + e.getMessage(), e);
                }
                migrated = true;
            }
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        migrateNow();
        return pool.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        migrateNow();
        return pool.getConnection(username, password);
    }

    // dbcp2 opens the pool (a first connection) to answer these; Camel's sql component reads every
    // getter of its data source at start. So they stay on this wrapper until the pool is in use.

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return migrated ? pool.getLogWriter() : logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        logWriter = out;
        if (migrated) pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        loginTimeout = seconds;
        if (migrated) pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return migrated ? pool.getLoginTimeout() : loginTimeout;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return pool.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(this) ? type.cast(this) : pool.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || pool.isWrapperFor(type);
    }
}
