package io.segmentflow.database;

import org.apache.commons.dbcp2.BasicDataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/** Opens the connection pool and brings the schema up to date. */
public final class Database {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    /** Portable scripts, plus the few that differ per database (db/migration/h2 or db/migration/postgresql). */
    static final String COMMON = "classpath:db/migration/common";

    private Database() {
    }

    public static BasicDataSource pool(DatabaseSettings settings) {
        BasicDataSource pool = new BasicDataSource();
        pool.setDriverClassName(settings.isPostgreSql() ? "org.postgresql.Driver" : "org.h2.Driver");
        pool.setUrl(settings.url());
        if (!settings.user().isEmpty()) pool.setUsername(settings.user());
        if (!settings.password().isEmpty()) pool.setPassword(settings.password());
        pool.setMaxTotal(settings.maxPoolSize());
        pool.setDefaultAutoCommit(true);
        return pool;
    }

    /** Creates or upgrades the schema; the same migrations run on H2 and PostgreSQL. */
    public static MigrateResult migrate(DataSource dataSource) {
        MigrateResult result = Flyway.configure().dataSource(dataSource).locations(COMMON, "classpath:db/migration/" + vendor(dataSource))
                .table("segmentflow_schema_history").load().migrate();
        LOG.info("Database schema at version {} ({} migrations applied now)",
                result.targetSchemaVersion == null ? result.initialSchemaVersion : result.targetSchemaVersion,
                result.migrationsExecuted);
        return result;
    }

    private static String vendor(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            String product = c.getMetaData().getDatabaseProductName();
            if (product.equalsIgnoreCase("PostgreSQL")) return "postgresql";
            if (product.equalsIgnoreCase("H2")) return "h2";
            throw new IllegalArgumentException("Segmentflow supports H2 and PostgreSQL, not " + product);
        } catch (SQLException e) {
            // Not chained as the cause: the command line prints the root cause, and this one names the database.
            IllegalStateException unreachable = new IllegalStateException("cannot connect to the database: " + e.getMessage());
            unreachable.addSuppressed(e);
            throw unreachable;
        }
    }
}
