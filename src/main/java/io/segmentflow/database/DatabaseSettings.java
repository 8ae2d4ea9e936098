package io.segmentflow.database;

import java.util.Objects;

/**
 * Where the database is and how to reach it.
 *
 * @param url          JDBC URL; the default is an H2 file under the data folder
 * @param user         database user
 * @param password     the password, from the environment for anything but the embedded default; may be empty
 * @param maxPoolSize  connections the pool may open at once
 * @param migrate      run the migrations at start-up (create or upgrade the schema)
 */
public record DatabaseSettings(String url, String user, String password, int maxPoolSize, boolean migrate) {
    public DatabaseSettings {
        Objects.requireNonNull(url, "url");
        if (!url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("segmentation.database.url must be an H2 or PostgreSQL JDBC URL, was '" + url + "'");
        }
        user = user == null ? "" : user;
        password = password == null ? "" : password;
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("segmentation.database.max-pool-size must be at least 1, was " + maxPoolSize);
        }
    }

    public boolean isPostgreSql() {
        return url.startsWith("jdbc:postgresql:");
    }

    /** Never the password. */
    @Override
    public String toString() {
        return "DatabaseSettings[url=" + url + ", user=" + user + ", maxPoolSize=" + maxPoolSize + ", migrate=" + migrate + "]";
    }
}
