package org.redteam.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A redteam command in a child JVM on the test classpath (to kill it like a user would), its output in a log file. */
public final class ChildCommand {
    private ChildCommand() {
    }

    /**
     * Starts {@code redteam ARGS…} and returns once {@code file} has {@code lines} lines; fails (the child killed,
     * its log in the message) when the child ends or 60 s pass first.
     */
    public static Process startAndAwaitLines(Path log, Path file, long lines, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"), "-cp", System.getProperty("java.class.path"),
                "org.redteam.cli.Main"));
        command.addAll(List.of(args));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (lines(file) < lines) {
            if (!child.isAlive() || System.nanoTime() > deadline) {
                child.destroyForcibly();
                throw new AssertionError("no " + lines + " lines in " + file + " within 60 s:\n" + Files.readString(log));
            }
            Thread.sleep(20);
        }
        return child;
    }

    /** The lines of {@code file}, 0 when it does not exist yet. */
    public static long lines(Path file) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        try (var s = Files.lines(file)) {
            return s.count();
        }
    }
}
