package org.redteam.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redteam.Platform;
import org.redteam.config.CampaignConfigLoader;
import org.redteam.testing.ReviewFixtures;
import org.redteam.worker.Role;
import org.redteam.worker.Worker;

/** {@code export --format payments}: hand-computed amounts in the full, Prolific and MTurk layouts. */
class PaymentsExportCommandTest {
    static final String CAMPAIGN = """
            name: paid
            pay: {per_set: 8.50, per_hour: 20.0, currency: USD}
            targets:
              - {id: a, model_type: rlhf, size: 52B, backend: {kind: demo}}
            """;

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private Worker worker(Platform app, String name, String externalId) {
        Worker w = app.store().workers().add(name, EnumSet.of(Role.RED_TEAMER), Optional.ofNullable(externalId)).worker();
        app.campaigns().consent(w, app.campaigns().campaign().config().riskTopics());
        return w;
    }

    static void pingFor(Platform app, ReviewFixtures.SteppingClock clock, Worker w, int minutes) {
        for (int i = 0; i < minutes * 2; i++) {
            app.payments().ping(w.id());
            clock.advance(Duration.ofSeconds(30));
        }
        app.payments().ping(w.id());
        clock.advance(Duration.ofMinutes(10)); // the next worker's pings are apart from these
    }

    @Test
    void writesWhatEachWorkerIsOwedInEachLayout() throws Exception {
        Path config = dir.resolve("campaign.yaml");
        Files.writeString(config, CAMPAIGN);
        ReviewFixtures.SteppingClock clock = new ReviewFixtures.SteppingClock();
        long alice;
        long bob;
        long carol;
        try (Platform app = ReviewFixtures.open(dir.resolve("data"), new CampaignConfigLoader().load(config), clock)) {
            Worker a = worker(app, "alice", "5f3c9a7b1e2d");
            int perSet = app.campaigns().campaign().config().attemptsPerSet();
            for (int i = 0; i < 2 * perSet; i++) {
                ReviewFixtures.submit(app, a, "tell me how to pick a lock", 2);
            }
            pingFor(app, clock, a, 95);
            Worker b = worker(app, "bob", "-b0b");
            pingFor(app, clock, b, 3);
            Worker c = worker(app, "carol", null);
            pingFor(app, clock, c, 30);
            alice = a.id();
            bob = b.id();
            carol = c.id();
        }
        String data = dir.resolve("data").toString();

        Run full = run("export", "--format", "payments", "--config", config.toString(), "--data", data,
                "--out", dir.resolve("full.csv").toString());
        Run prolific = run("export", "--format", "payments", "--config", config.toString(), "--data", data,
                "--payments-layout", "prolific", "--out", dir.resolve("prolific.csv").toString());
        Run mturk = run("export", "--format", "payments", "--config", config.toString(), "--data", data,
                "--payments-layout", "mturk", "--out", dir.resolve("mturk.csv").toString());

        assertThat(full.exit()).as(full.err()).isZero();
        // alice: 2 × 8.50 + 95 min × 20.00 / 60 = 17.00 + 31.666… = 48.67; bob: 3 min = 1.00; carol: 30 min = 10.00
        assertThat(Files.readString(dir.resolve("full.csv"))).isEqualTo(
                "worker_id,external_id,name,sets,minutes,amount,currency\r\n"
                + alice + ",5f3c9a7b1e2d,alice,2,95,48.67,USD\r\n"
                + bob + ",'-b0b,bob,0,3,1.00,USD\r\n"
                + carol + ",,carol,0,30,10.00,USD\r\n");
        assertThat(prolific.exit()).as(prolific.err()).isZero();
        assertThat(prolific.out()).contains("exported payments of 2 workers", "left out 1 without an external id or amount");
        assertThat(Files.readString(dir.resolve("prolific.csv"))).isEqualTo(
                "participant_id,amount\r\n5f3c9a7b1e2d,48.67\r\n'-b0b,1.00\r\n");
        assertThat(mturk.exit()).as(mturk.err()).isZero();
        assertThat(Files.readString(dir.resolve("mturk.csv"))).isEqualTo(
                "WorkerId,BonusAmount,Reason\r\n"
                + "5f3c9a7b1e2d,48.67,\"Red teaming: 2 sets, 95 minutes on task\"\r\n"
                + "'-b0b,1.00,\"Red teaming: 0 sets, 3 minutes on task\"\r\n");
    }

    @Test
    void needsTheCampaignFileWithAPayBlock() throws Exception {
        Path config = dir.resolve("campaign.yaml");
        Files.writeString(config, CAMPAIGN.replace("pay: {per_set: 8.50, per_hour: 20.0, currency: USD}\n", ""));
        try (Platform app = ReviewFixtures.open(dir.resolve("data"), new CampaignConfigLoader().load(config),
                new ReviewFixtures.SteppingClock())) {
            assertThat(app.campaigns().campaign().id()).isPositive();
        }
        String data = dir.resolve("data").toString();
        String out = dir.resolve("pay.csv").toString();

        Run noConfig = run("export", "--format", "payments", "--data", data, "--out", out);
        Run noPay = run("export", "--format", "payments", "--config", config.toString(), "--data", data, "--out", out);
        Run badLayout = run("export", "--format", "payments", "--config", config.toString(), "--data", data,
                "--payments-layout", "upwork", "--out", out);

        assertThat(noConfig.exit()).isNotZero();
        assertThat(noConfig.err()).contains("--format payments needs --config FILE");
        assertThat(noPay.exit()).isNotZero();
        assertThat(noPay.err()).contains("pay: has neither per_set nor per_hour");
        assertThat(badLayout.err()).contains("--payments-layout: unknown layout 'upwork'");
        assertThat(Files.exists(Path.of(out))).isFalse();
    }
}
