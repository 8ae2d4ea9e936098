package io.segmentflow.cluster;

import java.nio.file.Path;

/**
 * Settles Weka's process-wide switches before any weka class initialises. Weka's package manager
 * creates $WEKA_HOME on first use (default ~/wekafiles), and netlib logs warnings while probing for
 * native BLAS. Every class here that touches Weka first calls {@link #prepare()}; main() does not
 * run under tests.
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

    /** Runs the static block above once; calling it again does nothing. */
    static void prepare() {
    }
}
