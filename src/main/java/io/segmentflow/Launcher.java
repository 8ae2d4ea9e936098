package io.segmentflow;

import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

import java.util.Map;

/**
 * Starts Camel Main with the configuration files plus per-command overrides. The service, the
 * one-shot commands and the tests all start Segmentflow through here, so they share routes and beans.
 */
final class Launcher implements AutoCloseable {
    /** config/ beside the working directory wins key by key; the copy inside the jar fills gaps. */
    static final String CONFIG_LOCATIONS =
            "file:config/application.properties;optional=true,classpath:application.properties;optional=true";

    private final Main main;

    private Launcher(Main main) {
        this.main = main;
    }

    static Main configured(Map<String, String> overrides) {
        // No main class: Camel Main would scan its package inside the 22 MB jar for annotated
        // classes (about 1 s of every start on 2 cores); the one wiring class is named instead.
        Main main = new Main();
        main.configure().addConfiguration(SegmentflowBeans.class);
        main.setDefaultPropertyPlaceholderLocation(CONFIG_LOCATIONS);
        overrides.forEach(main::addOverrideProperty);
        return main;
    }

    /** Starts and returns once every route is up. */
    static Launcher start(Map<String, String> overrides) throws Exception {
        Main main = configured(overrides);
        main.start();
        return new Launcher(main);
    }

    CamelContext context() {
        return main.getCamelContext();
    }

    @Override
    public void close() {
        main.stop();
    }
}
