package org.redteam.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redteam.App;
import org.redteam.Store;
import org.redteam.storage.ServeLock;
import org.redteam.storage.StoreLocation;
import org.redteam.testing.ServerProcess;

/**
 * A mistyped store is an error: the commands that use a store exit 4 "no store at DIR" and create nothing; only
 * {@code serve}, {@code users add} and {@code import} create one, and say so. One {@code serve} per SQLite store.
 */
class StoreCommandsTest {
    @TempDir
    Path dir;

    /** A migrated store with nothing in it, in {@code data}. */
    static void emptyStore(Path data) {
        try (Store store = App.openStore(StoreLocation.directory(data), Clock.systemUTC())) {
            assertThat(store).isNotNull();
        }
    }

    @Test
    void exportFromANonexistentStoreExitsNotFoundAndCreatesNothing() {
        Path missing = dir.resolve("nonexistent");

        CliTest.Run r = CliTest.run("export", "--format", "jsonl", "--out", dir.resolve("out.jsonl").toString(),
                "--data", missing.toString());

        assertThat(r.exit()).isEqualTo(Main.EXIT_NOT_FOUND);
        assertThat(r.err()).startsWith("error: no store at " + missing.toAbsolutePath() + " (no redteam.db in it)");
        assertThat(missing).doesNotExist();
        assertThat(dir.resolve("out.jsonl")).doesNotExist();
    }

    @Test
    void everyCommandThatUsesAStoreRefusesAMissingOne() throws Exception {
        Path missing = dir.resolve("typo");
        Files.createDirectories(missing); // an existing directory without a store is no store either
        String data = missing.toString();
        List<List<String>> commands = List.of(
                List.of("export", "--format", "reviews", "--out", dir.resolve("r.csv").toString(), "--data", data),
                List.of("users", "list", "--data", data),
                List.of("users", "invite", "--id", "1", "--data", data),
                List.of("score", "--data", data),
                List.of("analyze", "--data", data, "--out", dir.resolve("report").toString()),
                List.of("agreement", "--data", data, "--measure", "fleiss"),
                List.of("pm", "train", "--from-db", "--out", dir.resolve("m.pm").toString(), "--data", data),
                List.of("export", "--format", "jsonl", "--out", dir.resolve("x.jsonl").toString(),
                        "--db", "jdbc:sqlite:" + missing.resolve("other.db")));

        for (List<String> command : commands) {
            CliTest.Run r = CliTest.run(command.toArray(String[]::new));

            assertThat(r.exit()).as(String.join(" ", command) + "\n" + r.err()).isEqualTo(Main.EXIT_NOT_FOUND);
            assertThat(r.err()).as(String.join(" ", command)).contains("error: no store at " + missing.toAbsolutePath());
        }
        try (var left = Files.list(missing)) {
            assertThat(left).isEmpty();
        }
        assertThat(dir.resolve("report")).doesNotExist();
    }

    @Test
    void usersAddAndImportCreateANewStoreAndSaySo() {
        Path fresh = dir.resolve("fresh");

        CliTest.Run add = CliTest.run("users", "add", "--name", "Ada", "--role", "admin", "--data", fresh.toString());
        CliTest.Run again = CliTest.run("users", "add", "--name", "Bob", "--role", "reviewer", "--data", fresh.toString());

        assertThat(add.exit()).as(add.err()).isZero();
        assertThat(add.err()).contains("note: no store at " + fresh.toAbsolutePath().resolve("redteam.db") + " yet; creating a new one");
        assertThat(again.err()).doesNotContain("creating");
        assertThat(CliTest.run("users", "list", "--data", fresh.toString()).out()).contains("Ada", "Bob");
    }

    @Test
    void serveIsRefusedWhileAnotherServeHoldsTheStore() {
        Path data = dir.resolve("data");
        StoreLocation location = StoreLocation.directory(data);
        try (ServeLock running = ServeLock.acquire(location, "serve (pid 4242 on elsewhere) serving http://x:7070")) {
            CliTest.Run second = CliTest.run("serve", "--port", "0", "--host", "127.0.0.1", "--data", data.toString());

            assertThat(second.exit()).isEqualTo(Main.EXIT_CONFLICT);
            running.record("serve (pid 4242 on elsewhere) serving http://x:7070, still");
            assertThat(second.err()).contains("another serve is already running on " + location.description(),
                    "pid 4242 on elsewhere", "serving http://x:7070", data.resolve("serve.lock").toAbsolutePath().toString());
        }
        assertThat(data.resolve("redteam.db")).doesNotExist();
    }

    @Test
    void aSecondServeProcessIsRefusedNamingTheFirstAndTheCliStillWorks() throws Exception {
        Path data = dir.resolve("data");
        try (ServerProcess first = ServerProcess.start(data)) {
            assertThat(first.startOutput()).anyMatch(l -> l.startsWith("new store: there was no store at"));
            String lock = Files.readString(data.resolve("serve.lock"));
            assertThat(lock).contains("serving " + first.baseUrl(), "pid ");

            CliTest.Run second = CliTest.run("serve", "--port", "0", "--host", "127.0.0.1", "--data", data.toString());
            CliTest.Run add = CliTest.run("users", "add", "--name", "Cy", "--role", "reviewer", "--data", data.toString());
            CliTest.Run list = CliTest.run("users", "list", "--data", data.toString());

            assertThat(second.exit()).isEqualTo(Main.EXIT_CONFLICT);
            assertThat(second.err()).contains("another serve is already running", "serving " + first.baseUrl());
            assertThat(add.exit()).as(add.err()).isZero();
            // the invite link names the running serve's address (it recorded it in the store), not :7070
            assertThat(add.out()).contains(first.baseUrl() + "/invite/inv_");
            assertThat(list.out()).contains("Cy");
            HttpResponse<String> page = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(first.baseUrl() + "/")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isLessThan(500);
        }
        // killed: the operating system released the lock, so the store serves again
        try (ServerProcess again = ServerProcess.start(data)) {
            assertThat(again.startOutput()).noneMatch(l -> l.startsWith("new store:"));
        }
    }
}
