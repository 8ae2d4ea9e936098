/**
 * The database Segmentflow keeps its results in: the connection pool, the migrations that create
 * and upgrade the schema (the same scripts for H2 and PostgreSQL), the lock that keeps scheduled
 * runs from overlapping, and the bridge that lets a clustered Quartz scheduler use the same pool.
 * Settings come from {@code segmentation.database.*} through the wiring class; SQL uses named
 * parameters only.
 */
package io.segmentflow.database;
