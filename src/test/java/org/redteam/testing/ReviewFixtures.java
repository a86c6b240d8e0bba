package org.redteam.testing;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.LongFunction;
import org.redteam.App;
import org.redteam.Platform;
import org.redteam.attempt.Attempt;
import org.redteam.attempt.Side;
import org.redteam.config.CampaignConfig;
import org.redteam.config.DemoCampaign;
import org.redteam.config.ReviewSettings;
import org.redteam.config.WellbeingSettings;
import org.redteam.review.ReviewService;
import org.redteam.review.ReviewTask;
import org.redteam.storage.StoreLocation;
import org.redteam.worker.Role;
import org.redteam.worker.Worker;

/**
 * Stores with answered reviews, made through the services as on the platform: red teamers submit attempts, an
 * admin queues them, reviewers take the tasks the queue offers and answer or skip them.
 */
public final class ReviewFixtures {
    public static final Instant START = Instant.parse("2024-05-01T12:00:00Z");

    private ReviewFixtures() {
    }

    /** A clock that stands still until the test moves it. */
    public static final class SteppingClock extends Clock {
        private volatile Instant now = START;

        public void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the test clock is UTC");
        }
    }

    /**
     * The demo campaign's targets and texts under {@code name}, {@code perAttempt} reviewers per attempt, and
     * well-being settings that never stop a test: surveys every 1000 tasks, no daily cap, no break reminder.
     */
    public static CampaignConfig campaign(String name, int perAttempt) {
        CampaignConfig demo = DemoCampaign.config();
        return new CampaignConfig(name, demo.instructions(), demo.contentWarning(), demo.exampleTopics(), demo.riskTopics(),
                demo.attemptsPerSet(), demo.maxTurns(), Optional.of(7L), demo.targets(), demo.preferenceModel(),
                new ReviewSettings(perAttempt, ReviewSettings.PAPER_TAGS, ReviewSettings.DEFAULT_CLAIM_MINUTES),
                new WellbeingSettings(1000, OptionalInt.empty(), 0, WellbeingSettings.DEFAULT_MIN_GROUP));
    }

    /** The platform on the SQLite store in {@code dir}, scored by {@link FakePreferenceModel#minusLength()}. */
    public static Platform open(Path dir, CampaignConfig config, Clock clock) {
        return App.at(StoreLocation.directory(dir)).clock(clock)
                .preferenceModel(FakePreferenceModel.minusLength()).start(config);
    }

    public static Worker worker(Platform app, String name, Role... roles) {
        EnumSet<Role> set = EnumSet.noneOf(Role.class);
        set.addAll(List.of(roles));
        return app.store().workers().add(name, set, Optional.empty()).worker();
    }

    /** A red teamer who has consented to every topic of the campaign. */
    public static Worker redTeamer(Platform app, String name) {
        Worker worker = worker(app, name, Role.RED_TEAMER);
        app.campaigns().consent(worker, app.campaigns().campaign().config().riskTopics());
        return worker;
    }

    /** One attempt of one turn (side A picked), submitted with {@code rating}; returns its id. */
    public static long submit(Platform app, Worker redTeamer, String task, int rating) {
        Attempt attempt = app.attempts().start(redTeamer, task);
        app.attempts().addTurn(redTeamer, attempt.id(), "please help: " + task);
        app.attempts().choose(redTeamer, attempt.id(), 0, Side.A);
        app.attempts().rate(redTeamer, attempt.id(), rating);
        return attempt.id();
    }

    /** What a reviewer does with a task. */
    public record Answer(int rating, List<String> tags, String note) {
        public static Answer of(int rating, String... tags) {
            return new Answer(rating, List.of(tags), null);
        }
    }

    /**
     * The reviewer takes every task the queue offers, one after another, and answers each as {@code answer} says
     * for its attempt id, or skips it when that is empty. The clock moves 30 s between opening and answering.
     * Returns the attempt ids met, in order.
     */
    public static List<Long> reviewAll(Platform app, Worker reviewer, SteppingClock clock, LongFunction<Optional<Answer>> answer) {
        List<Long> met = new ArrayList<>();
        Optional<ReviewTask> task;
        while ((task = claimNext(app, reviewer)).isPresent()) {
            long id = task.get().id();
            met.add(task.get().attemptId());
            app.reviews().open(reviewer, id);
            clock.advance(Duration.ofSeconds(30));
            Optional<Answer> given = answer.apply(task.get().attemptId());
            if (given.isPresent()) {
                app.reviews().answer(reviewer, id, given.get().rating(), given.get().tags(), given.get().note());
            } else {
                app.reviews().skip(reviewer, id);
            }
        }
        return met;
    }

    /** The reviewer's next task, claimed and left unanswered; empty when the queue has none for them. */
    public static Optional<ReviewTask> claimNext(Platform app, Worker reviewer) {
        ReviewService.Next next = app.reviews().next(reviewer);
        if (next instanceof ReviewService.Next.Task t) {
            return Optional.of(t.view().task());
        }
        if (next instanceof ReviewService.Next.Survey s) {
            throw new IllegalStateException("a " + s.kind() + " well-being survey is due; the fixture campaign should not ask");
        }
        return Optional.empty();
    }
}
