package io.segmentflow.database;

import org.quartz.utils.ConnectionProvider;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lets a clustered Quartz scheduler (JDBC job store) borrow the application's connection pool, so
 * Quartz needs no pool of its own (c3p0 is excluded). Quartz creates this class by name and sets
 * {@code poolName}; the wiring class registers the pool under that name first.
 */
public final class SharedDataSourceProvider implements ConnectionProvider {
    private static final Map<String, DataSource> POOLS = new ConcurrentHashMap<>();
    private String poolName;

    public static void register(String poolName, DataSource dataSource) {
        POOLS.put(poolName, dataSource);
    }

    public static void unregister(String poolName) {
        POOLS.remove(poolName);
    }

    /** Set by Quartz from {@code org.quartz.dataSource.NAME.poolName}. */
    public void setPoolName(String poolName) {
        this.poolName = poolName;
    }

    @Override
    public Connection getConnection() throws SQLException {
        DataSource pool = POOLS.get(poolName);
        if (pool == null) throw new SQLException("no connection pool registered as '" + poolName + "'");
        return pool.getConnection();
    }

    @Override
    public void initialize() {
        if (poolName == null) throw new IllegalStateException("poolName is not set");
    }

    @Override
    public void shutdown() {
        // The application closes its pool itself.
    }
}
