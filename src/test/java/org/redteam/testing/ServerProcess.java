package org.redteam.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code redteam serve} in a child JVM on a free port, for tests that kill it. */
public final class ServerProcess implements AutoCloseable {
    private static final Pattern RUNNING = Pattern.compile("redteam is running at (http://\\S+)");
    private static final Pattern STARTED = Pattern.compile("^started in \\d+ ms");

    private final Process process;
    private final String baseUrl;
    private final List<String> output;

    private ServerProcess(Process process, String baseUrl, List<String> output) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.output = output;
    }

    public static ServerProcess start(Path dataDir, String... extraArgs) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                "-cp", System.getProperty("java.class.path"), "org.redteam.cli.Main",
                "serve", "--port", "0", "--host", "127.0.0.1", "--data", dataDir.toString()));
        command.addAll(List.of(extraArgs));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        List<String> output = new ArrayList<>();
        String line;
        String url = null;
        while ((line = reader.readLine()) != null) {
            output.add(line);
            Matcher m = RUNNING.matcher(line);
            if (m.find()) {
                url = m.group(1);
            }
            if (url != null && STARTED.matcher(line).find()) {
                Thread drain = new Thread(() -> reader.lines().forEach(l -> { }), "server-output");
                drain.setDaemon(true);
                drain.start();
                return new ServerProcess(process, url, output);
            }
        }
        throw new IOException("the server exited before it was running:\n" + String.join("\n", output));
    }

    public String baseUrl() {
        return baseUrl;
    }

    public List<String> startOutput() {
        return output;
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
