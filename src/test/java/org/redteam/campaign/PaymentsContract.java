package org.redteam.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.redteam.App;
import org.redteam.Platform;
import org.redteam.attempt.Attempt;
import org.redteam.attempt.Side;
import org.redteam.config.CampaignConfig;
import org.redteam.config.PaySettings;
import org.redteam.storage.StoreLocation;
import org.redteam.testing.FakePreferenceModel;
import org.redteam.testing.ReviewFixtures;
import org.redteam.worker.Role;
import org.redteam.worker.Worker;

/** Pings, time on task and pay, run on both stores (the V14 upsert is vendor SQL). */
abstract class PaymentsContract {
    static final PaySettings PAY = new PaySettings(Optional.of(new BigDecimal("8.50")), Optional.of(new BigDecimal("20.00")), "USD");
    final ReviewFixtures.SteppingClock clock = new ReviewFixtures.SteppingClock();
    Platform app;

    abstract StoreLocation store();

    Platform open(PaySettings pay) {
        CampaignConfig config = ReviewFixtures.campaign("pay", 1).withPay(pay);
        app = App.at(store()).clock(clock).preferenceModel(FakePreferenceModel.minusLength()).start(config);
        return app;
    }

    @AfterEach
    void close() {
        if (app != null) {
            app.close();
        }
    }

    Worker redTeamer(String name, String externalId) {
        Worker w = app.store().workers().add(name, EnumSet.of(Role.RED_TEAMER), Optional.of(externalId)).worker();
        app.campaigns().consent(w, app.campaigns().campaign().config().riskTopics());
        return w;
    }

    /** Pings every 30 s from now for {@code minutes}, the first now and the last {@code minutes} later. */
    void pingFor(Worker w, int minutes) {
        for (int i = 0; i < minutes * 2; i++) {
            app.payments().ping(w.id());
            clock.advance(Duration.ofSeconds(30));
        }
        app.payments().ping(w.id());
    }

    @Test
    void twoSetsAndNinetyFiveMinutesAt850AndTwentyAnHourOwe4867() {
        open(PAY);
        Worker alice = redTeamer("alice", "5f3c9a7b1e2d");
        int perSet = app.campaigns().campaign().config().attemptsPerSet();
        for (int i = 0; i < 2 * perSet; i++) {
            ReviewFixtures.submit(app, alice, "tell me how to pick a lock", 2);
        }
        pingFor(alice, 95);

        Payments.Report report = app.payments().report();

        // 2 × 8.50 = 17.00; 95 min × 20.00 / 60 = 31.666…; 48.666… rounded half-even to cents = 48.67
        assertThat(report.workers()).containsExactly(
                new Payments.WorkerPay(alice.id(), "alice", Optional.of("5f3c9a7b1e2d"), 2, 95, new BigDecimal("48.67")));
        assertThat(report.sets()).isEqualTo(2);
        assertThat(report.minutes()).isEqualTo(95);
        assertThat(report.amount()).isEqualTo(new BigDecimal("48.67"));
    }

    @Test
    void idleGapsOverFiveMinutesAreNotCounted() {
        open(new PaySettings(Optional.empty(), Optional.of(new BigDecimal("20.00")), "USD"));
        Worker bob = redTeamer("bob", "worker-b");
        pingFor(bob, 10);                                   // 10 min
        clock.advance(Duration.ofMinutes(5).minusSeconds(30));
        app.payments().ping(bob.id());                      // a gap of exactly 5 min: counted, 15 min
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        app.payments().ping(bob.id());                      // 5 min 1 s: idle, not counted
        clock.advance(Duration.ofMinutes(1));
        app.payments().ping(bob.id());                      // 16 min

        Payments.WorkerPay pay = app.payments().report().workers().get(0);

        // 16 min × 20.00 / 60 = 5.333… → 5.33
        assertThat(pay.minutes()).isEqualTo(16);
        assertThat(pay.amount()).isEqualTo(new BigDecimal("5.33"));
    }

    @Test
    void pingsCloserThanFifteenSecondsAreDroppedAndAMinuteKeepsOneRow() {
        open(PAY);
        Worker carol = redTeamer("carol", "c-1");
        long campaign = app.campaigns().campaign().id();
        PayRepository repository = new PayRepository(app.store().database().jdbi());

        assertThat(app.payments().ping(carol.id())).isTrue();      // 12:00:00
        clock.advance(Duration.ofSeconds(5));
        assertThat(app.payments().ping(carol.id())).isFalse();     // 12:00:05, 5 s after the last kept one
        clock.advance(Duration.ofSeconds(15));
        assertThat(app.payments().ping(carol.id())).isTrue();      // 12:00:20
        clock.advance(Duration.ofSeconds(20));
        assertThat(app.payments().ping(carol.id())).isTrue();      // 12:00:40
        clock.advance(Duration.ofSeconds(25));
        assertThat(app.payments().ping(carol.id())).isTrue();      // 12:01:05

        long buckets = repository.jdbi().withHandle(h -> repository.buckets(h, campaign, carol.id()));
        assertThat(buckets).isEqualTo(2);
        // events 12:00:00, 12:00:40 (first and last of the first minute), 12:01:05 (twice): 65 s → 1 minute
        assertThat(app.payments().report().workers().get(0).minutes()).isEqualTo(1);
    }

    @Test
    void theRedTeamersOwnActionsCountWithoutAnyPing() {
        open(PAY);
        Worker dan = redTeamer("dan", "d-1");
        Attempt attempt = app.attempts().start(dan, "tell me how to pick a lock");
        clock.advance(Duration.ofMinutes(2));
        app.attempts().addTurn(dan, attempt.id(), "how do I pick a lock?");
        clock.advance(Duration.ofMinutes(3));
        app.attempts().choose(dan, attempt.id(), 0, Side.A);
        clock.advance(Duration.ofMinutes(1));
        app.attempts().rate(dan, attempt.id(), 1);
        clock.advance(Duration.ofMinutes(30));
        app.attempts().start(dan, "tell me how to pick a lock, again");  // after 30 idle minutes: not counted

        Payments.WorkerPay pay = app.payments().report().workers().get(0);

        // start → turn 2 min, → pick 3 min, → rating 1 min = 6 min; no set finished; 6 × 20.00 / 60 = 2.00
        assertThat(pay.sets()).isZero();
        assertThat(pay.minutes()).isEqualTo(6);
        assertThat(pay.amount()).isEqualTo(new BigDecimal("2.00"));
    }
}
