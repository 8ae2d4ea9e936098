package io.segmentflow.support;

import io.segmentflow.Segmentflow;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The real command line, in-process; fails the test on a non-zero exit code. */
public final class Cli {
    private Cli() {
    }

    public static String ok(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Segmentflow(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
        if (code != 0) throw new AssertionError("exit " + code + ": " + err.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * Segments {@code file} into {@code work}/out without a report or stability resamples, saving its
     * model under {@code work}/models, and returns the run id the model store made current.
     */
    public static String savedModelRun(Path file, Path work, String... settings) throws IOException {
        List<String> args = new ArrayList<>(List.of("segment", file.toString(), "--no-report",
                "--set", "segmentation.output.dir=" + work.resolve("out"), "--set", "segmentation.stability.resamples=0"));
        for (String setting : settings) args.addAll(List.of("--set", setting));
        ok(args.toArray(String[]::new));
        return Files.readString(work.resolve("models").resolve("current")).trim();
    }
}
