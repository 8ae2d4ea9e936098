package io.segmentflow.database;

import java.util.Properties;

/**
 * How the database flow is scheduled.
 *
 * @param clustered          Quartz keeps its triggers in the database (JDBC job store) so that with
 *                           several instances on one database each firing runs exactly once
 * @param misfireThresholdMs how late a firing may be before Quartz counts it as missed
 * @param clusterCheckinMs   how often a clustered instance reports in (and notices a dead one)
 * @param postgreSql         pick Quartz's PostgreSQL delegate
 */
public record ScheduleSettings(boolean clustered, long misfireThresholdMs, long clusterCheckinMs, boolean postgreSql) {

    /** Quartz properties for camel-quartz; the in-memory job store unless clustered. */
    public Properties quartzProperties(String poolName) {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", "segmentflow");
        p.setProperty("org.quartz.scheduler.instanceId", "AUTO");
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.threadPool.threadCount", "2");
        p.setProperty("org.quartz.jobStore.misfireThreshold", Long.toString(misfireThresholdMs));
        if (!clustered) {
            p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
            return p;
        }
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", postgreSql
                ? "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate" : "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
        p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        p.setProperty("org.quartz.jobStore.isClustered", "true");
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval", Long.toString(clusterCheckinMs));
        // Trigger acquisition under the row lock: the known remedy for double firing across nodes.
        p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        p.setProperty("org.quartz.jobStore.dataSource", "segmentflow");
        p.setProperty("org.quartz.dataSource.segmentflow.connectionProvider.class", SharedDataSourceProvider.class.getName());
        p.setProperty("org.quartz.dataSource.segmentflow.poolName", poolName);
        return p;
    }
}
