package org.redteam.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.redteam.config.RetryPolicy;
import org.redteam.problem.BackendUnavailableException;
import org.redteam.problem.BackendUnavailableException.Failure;
import org.redteam.testing.FakeHttpServer;
import org.redteam.testing.FakeHttpServer.Reply;
import org.redteam.testing.MutableClock;
import org.redteam.testing.RecordedWaits;

/**
 * What every client of a JSON-over-HTTP model promises about the transport: one subclass per client (the
 * OpenAI chat and completions backends, the Anthropic backend, the remote preference model) runs it
 * against that API's fake server. Waits are recorded by the scheduler and the clock moved by them, so
 * Retry-After and backoff are asserted exactly, not by wall time; only the timeout cases take real time.
 * {@link StreamingHttpBackendContract} adds the streaming cases. The protocol's own answers (texts, scores,
 * request bodies) are the business of each client's own tests.
 */
public abstract class HttpBackendContract {
    protected static final RetryPolicy TWO_RETRIES = new RetryPolicy(2, Duration.ofMillis(100));
    protected static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** Sent with every request (API key or bearer token); never in a message. */
    protected static final String SECRET = "sk-contract-secret-0123456789";
    private static final long SEED = 42;
    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    private static final String LONG_BODY = "{\"error\": \"overloaded\"} " + "x".repeat(500);

    private final MutableClock clock = new MutableClock(NOW);
    private final RecordedWaits waits = new RecordedWaits(clock);

    /** One call of the client under test, making one request: a completion with n = 1, or one score. */
    @FunctionalInterface
    protected interface Client {
        Object call();
    }

    /**
     * What the contract knows of a client.
     *
     * @param server       the API's fake server, answering well-formed requests with success by default
     * @param basePath     the path of the base URL the client is configured with, e.g. "/v1"
     * @param endpointPath what the client adds to the base URL, e.g. "/chat/completions"
     * @param where        how the messages name the client, e.g. "target t (openai-chat, model m)"
     * @param api          what a well-formed answer follows, as the messages say: "the OpenAI API"
     * @param failureType  the exception every failure is
     * @param retries      false where the client never retries (the remote preference model: no retries)
     */
    public record Subject(FakeHttpServer<?> server, String basePath, String endpointPath, String where, String api,
                          Class<? extends RuntimeException> failureType, boolean retries) {
    }

    private final Subject subject;

    protected HttpBackendContract(Subject subject) {
        this.subject = subject;
    }

    /** The client, configured with {@code base}, {@code retry}, {@code timeout} and {@link #SECRET} as its key. */
    protected abstract Client client(URI base, RetryPolicy retry, Duration timeout, Transport transport);

    protected final FakeHttpServer<?> server() {
        return subject.server();
    }

    protected final URI base() {
        return server().url(subject.basePath());
    }

    @AfterEach
    void stopServer() {
        server().close();
        waits.close();
    }

    protected final Transport transport() {
        return Transport.with(clock, new SplittableRandom(SEED), waits);
    }

    private Client client() {
        return client(base(), TWO_RETRIES, TIMEOUT, transport());
    }

    /** The waits of {@code count} backoffs, drawn from a generator with the test's seed: same seed, same waits. */
    private static List<Duration> backoffs(int count) {
        SplittableRandom random = new SplittableRandom(SEED);
        List<Duration> expected = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            expected.add(TWO_RETRIES.delay(i, random.nextDouble()));
        }
        return expected;
    }

    /** The call's failure; every failure names the client and the URL, and never the secret. */
    private RuntimeException failure(Client client, URI base) {
        Throwable thrown = catchThrowable(client::call);
        assertThat(thrown).isInstanceOf(subject.failureType())
                .hasMessageContaining(subject.where())
                .hasMessageContaining(base + subject.endpointPath())
                .hasMessageNotContaining(SECRET);
        return (RuntimeException) thrown;
    }

    protected final RuntimeException failure(Client client) {
        return failure(client, base());
    }

    /** For a client that never retries: the first failure is the end of the call, with no wait. */
    private RuntimeException failsAtOnce() {
        RuntimeException e = failure(client());
        assertThat(server().requests()).hasSize(1);
        assertThat(waits.waits()).isEmpty();
        return e;
    }

    protected static void assertFailure(RuntimeException e, Failure expected) {
        if (e instanceof BackendUnavailableException unavailable) {
            assertThat(unavailable.failure()).isEqualTo(expected);
        }
    }

    @Test
    void answersWithOneRequest() {
        assertThat(client().call()).isNotNull();

        assertThat(server().requests()).hasSize(1);
        assertThat(waits.waits()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {429, 500, 503, 529})
    void retriesARateLimitOrAServerErrorAfterTheBackoffThenSucceeds(int status) {
        server().replyFirst(new Reply(status, "{\"error\": \"busy\"}", 0));

        if (!subject.retries()) {
            assertThat(failsAtOnce()).hasMessageContaining("HTTP " + status).hasMessageContaining("busy");
            return;
        }
        assertThat(client().call()).isNotNull();
        assertThat(server().requests()).hasSize(2);
        assertThat(waits.waits()).isEqualTo(backoffs(1));
    }

    @Test
    void waitsWhatRetryAfterAsksInSeconds() {
        server().replyFirst(new Reply(429, "{}", 0).header("Retry-After", "7"));
        if (!subject.retries()) {
            failsAtOnce();
            return;
        }

        assertThat(client().call()).isNotNull();

        assertThat(waits.waits()).containsExactly(Duration.ofSeconds(7));
        assertThat(clock.instant()).isEqualTo(NOW.plusSeconds(7));
        assertThat(server().requests()).hasSize(2);
    }

    @Test
    void waitsWhatRetryAfterAsksAsAnHttpDateReadAgainstTheClock() {
        String inThreeSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(3).atOffset(ZoneOffset.UTC));
        server().replyFirst(new Reply(503, "{}", 0).header("Retry-After", inThreeSeconds));
        if (!subject.retries()) {
            failsAtOnce();
            return;
        }

        assertThat(client().call()).isNotNull();

        assertThat(waits.waits()).containsExactly(Duration.ofSeconds(3));
    }

    @Test
    void doesNotWaitForARetryAfterLongerThanTheTimeout() {
        server().reply(r -> new Reply(429, "{}", 0).header("Retry-After", "120"));
        if (!subject.retries()) {
            failsAtOnce();
            return;
        }

        assertThat(failure(client())).hasMessageContaining("asks to retry after 120 s, longer than timeout_ms");

        assertThat(server().requests()).hasSize(1);
        assertThat(waits.waits()).isEmpty();
    }

    @Test
    void givesUpAfterTheRetriesNamingTheStatusAndTheStartOfTheBody() {
        server().reply(r -> new Reply(503, LONG_BODY, 0));

        RuntimeException e = failure(client());

        assertThat(e).hasMessageContaining("HTTP 503").hasMessageContaining("{\"error\": \"overloaded\"} xxx")
                .hasMessageNotContaining("x".repeat(200));
        assertFailure(e, Failure.OVERLOADED);
        if (subject.retries()) {
            assertThat(e).hasMessageEndingWith("… (gave up after 3 tries)");
            assertThat(server().requests()).hasSize(3);
            assertThat(waits.waits()).isEqualTo(backoffs(2));
        } else {
            assertThat(e).hasMessageEndingWith("…");
            assertThat(server().requests()).hasSize(1);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 404})
    void doesNotRetryAClientError(int status) {
        server().reply(r -> new Reply(status, "{\"error\": {\"message\": \"unknown model m\"}}", 0));

        RuntimeException e = failure(client());

        assertThat(e).hasMessageContaining("answered HTTP " + status).hasMessageContaining("unknown model m")
                .hasMessageNotContaining("tries");
        assertFailure(e, Failure.BAD_GATEWAY);
        assertThat(server().requests()).hasSize(1);
    }

    @Test
    void doesNotRetryATimeout() {
        server().reply(r -> new Reply(200, "{}", 1_000));
        Client slow = client(base(), TWO_RETRIES, Duration.ofMillis(150), transport());

        long start = System.nanoTime();
        RuntimeException e = failure(slow);

        assertThat(e).hasMessageContaining("no answer within 150 ms (timeout_ms)");
        assertFailure(e, Failure.TIMEOUT);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(900));
        assertThat(server().requests()).hasSize(1);
    }

    @Test
    void retriesAMalformedAnswerThenSucceeds() {
        server().replyFirst(Reply.ok("<html>502 Bad Gateway</html>"));

        if (!subject.retries()) {
            assertThat(failsAtOnce()).hasMessageContaining("answered HTTP 200 outside " + subject.api());
            return;
        }
        assertThat(client().call()).isNotNull();
        assertThat(server().requests()).hasSize(2);
    }

    @Test
    void reportsABodyThatIsNotJsonAndOneOutsideTheApi() {
        String outside = "answered HTTP 200 outside " + subject.api();
        server().reply(r -> Reply.ok("<html>502 Bad Gateway</html>"));
        assertThat(failure(client())).hasMessageContaining(outside + ": the body is not JSON")
                .hasMessageContaining("<html>502 Bad Gateway</html>");

        server().reply(r -> Reply.ok("{\"unexpected\": true}"));
        RuntimeException e = failure(client());
        assertThat(e).hasMessageContaining(outside).hasMessageContaining("{\"unexpected\": true}");
        assertFailure(e, Failure.BAD_GATEWAY);
        assertThat(server().requests()).hasSize(subject.retries() ? 6 : 2);
    }

    @Test
    void retriesAResetConnection() {
        server().replyFirst(Reply.resetConnection());

        if (!subject.retries()) {
            failsAtOnce();
            return;
        }
        assertThat(client().call()).isNotNull();
        assertThat(server().requests()).hasSize(2);
    }

    @Test
    void reportsAServerThatIsNotThere() throws Exception {
        URI nowhere;
        try (ServerSocket socket = new ServerSocket(0)) {
            nowhere = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        URI base = URI.create(nowhere + base().getRawPath());

        RuntimeException e = failure(client(base, TWO_RETRIES, TIMEOUT, transport()), base);

        assertThat(e).hasMessageContaining("cannot connect");
        assertThat(waits.waits()).hasSize(subject.retries() ? 2 : 0);
    }
}
