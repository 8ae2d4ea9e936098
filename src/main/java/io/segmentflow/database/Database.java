package io.segmentflow.database;

import org.apache.commons.dbcp2.BasicDataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;

/** Opens the connection pool and brings the schema up to date. */
public final class Database {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    /** Portable scripts first, then the few that differ per database ({vendor} is h2 or postgresql). */
    static final String[] MIGRATIONS = {"classpath:db/migration/common", "classpath:db/migration/{vendor}"};

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
        MigrateResult result = Flyway.configure().dataSource(dataSource).locations(MIGRATIONS)
                .table("segmentflow_schema_history").load().migrate();
        LOG.info("Database schema at version {} ({} migrations applied now)",
                result.targetSchemaVersion == null ? result.initialSchemaVersion : result.targetSchemaVersion,
                result.migrationsExecuted);
        return result;
    }
}
