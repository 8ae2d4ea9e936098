package io.segmentflow.cluster;

import java.nio.file.Path;

/**
 * Settles Weka's process-wide settings before any Weka class loads: its package manager creates
 * $WEKA_HOME on first use (default ~/wekafiles), and netlib, which EM and the matrix code use,
 * fails without the native BLAS/ARPACK jars we exclude unless told to use its pure-Java versions.
 * Every class here that touches Weka calls {@link #prepare()} from its static initialiser, because
 * main() does not run under tests.
 */
final class WekaEnvironment {
    static {
        if (System.getProperty("WEKA_HOME") == null && System.getenv("WEKA_HOME") == null) {
            System.setProperty("WEKA_HOME", Path.of(System.getProperty("java.io.tmpdir"), "segmentflow-wekafiles").toString());
        }
        System.setProperty("weka.packageManager.loadPackages", "false");
        System.setProperty("weka.packageManager.offline", "true");
        System.setProperty("com.github.fommil.netlib.BLAS", "com.github.fommil.netlib.F2jBLAS");
        System.setProperty("com.github.fommil.netlib.LAPACK", "com.github.fommil.netlib.F2jLAPACK");
        System.setProperty("com.github.fommil.netlib.ARPACK", "com.github.fommil.netlib.F2jARPACK");
    }

    private WekaEnvironment() {
    }

    /** Runs the static initialiser above, once per JVM. */
    static void prepare() {
    }
}
