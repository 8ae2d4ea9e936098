package io.segmentflow.support;

import io.segmentflow.demo.DemoCustomerGenerator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Seeded demo customer files for tests that need a real input file on disk. */
public final class DemoFiles {
    private DemoFiles() {
    }

    /** {@code customers} generated customers in {@code segments} groups, written to {@code file}, which is returned. */
    public static Path customers(Path file, long seed, int customers, int segments) {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            new DemoCustomerGenerator(seed).write(w, customers, segments);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
