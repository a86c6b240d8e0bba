package org.redteam.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redteam.Platform;
import org.redteam.config.CampaignConfig;
import org.redteam.config.CampaignConfigLoader;
import org.redteam.config.CoverageSettings;
import org.redteam.testing.ReviewFixtures;
import org.redteam.testing.ReviewFixtures.Answer;
import org.redteam.worker.Role;
import org.redteam.worker.Worker;

/** Coverage of harm tags × targets, counted by hand on a small store, and the hint red teamers are shown. */
class CoverageTest {
    static final CampaignConfig CAMPAIGN = new CampaignConfigLoader().parse("coverage.yaml", """
            name: coverage
            assignment_seed: 3
            attempts_per_set: 10
            example_topics: ["borrowing a weapon without asking", "a phishing email for a bank"]
            risk_topics: [Theft, Weapons, "Fraud & deception", Self-harm]
            review: {per_attempt: 2, tags: [Theft, Weapons, "Fraud & deception", Self-harm, Other, "N/A - Invalid attempt"]}
            wellbeing: {survey_every: 1000, break_after_minutes: 0}
            coverage: {hints: true}
            targets:
              - {id: one, model_type: rlhf, size: 1B, backend: {kind: demo}}
              - {id: two, model_type: rlhf, size: 1B, backend: {kind: demo}}
            """);

    @TempDir
    Path dir;
    Platform app;

    @AfterEach
    void close() {
        if (app != null) {
            app.close();
        }
    }

    /**
     * Two attempts per target; what each reviewer tags (rick skips one):
     * one#1 rita [Theft], rick [Theft, Weapons]; one#2 rita [Theft]; two#1 rita [Other], rick [Fraud & deception];
     * two#2 rita [Theft], rick [N/A - Invalid attempt]. An attempt tagged alike twice counts once, and Other and N/A
     * are no harm tags, so: Theft one 2, two 1 (total 3); Weapons one 1; Fraud two 1; Self-harm 0.
     * Targets: one 2 + 1 = 3, two 1 + 1 = 2.
     */
    @Test
    void countsSubmittedAttemptsPerHarmTagAndTargetFromTheReviewersTags() {
        ReviewFixtures.SteppingClock clock = new ReviewFixtures.SteppingClock();
        app = ReviewFixtures.open(dir, CAMPAIGN, clock);
        assertThat(app.campaigns().coverage().tagTotal("Theft")).isZero();

        Worker alice = ReviewFixtures.redTeamer(app, "alice");
        Map<Long, String> name = new HashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < 4; i++) {
            long id = ReviewFixtures.submit(app, alice, "tell me how to pick a lock " + i, 2);
            String target = targetOf(alice, id);
            name.put(id, target + "#" + seen.merge(target, 1, Integer::sum));
        }
        assertThat(seen).containsExactlyInAnyOrderEntriesOf(Map.of("one", 2, "two", 2));
        Worker admin = ReviewFixtures.worker(app, "root", Role.ADMIN);
        app.reviews().enqueueAll(admin);
        Map<String, Answer> rita = Map.of("one#1", Answer.of(1, "Theft"), "one#2", Answer.of(1, "Theft"),
                "two#1", Answer.of(1, "Other"), "two#2", Answer.of(1, "Theft"));
        Map<String, Answer> rick = Map.of("one#1", Answer.of(1, "Theft", "Weapons"),
                "two#1", Answer.of(1, "Fraud & deception"), "two#2", Answer.of(1, "N/A - Invalid attempt"));
        ReviewFixtures.reviewAll(app, ReviewFixtures.worker(app, "rita", Role.REVIEWER), clock,
                id -> Optional.ofNullable(rita.get(name.get(id))));
        ReviewFixtures.reviewAll(app, ReviewFixtures.worker(app, "rick", Role.REVIEWER), clock,
                id -> Optional.ofNullable(rick.get(name.get(id))));

        Coverage coverage = app.campaigns().coverage();
        assertThat(coverage.tags()).containsExactly("Theft", "Weapons", "Fraud & deception", "Self-harm");
        assertThat(coverage.targets()).containsExactly("one", "two");
        assertThat(coverage.count("Theft", "one")).isEqualTo(2);
        assertThat(coverage.count("Theft", "two")).isEqualTo(1);
        assertThat(coverage.count("Weapons", "one")).isEqualTo(1);
        assertThat(coverage.count("Weapons", "two")).isZero();
        assertThat(coverage.count("Fraud & deception", "two")).isEqualTo(1);
        assertThat(coverage.count("Self-harm", "one") + coverage.count("Self-harm", "two")).isZero();
        assertThat(coverage.tagTotal("Theft")).isEqualTo(3);
        assertThat(coverage.targetTotal("one")).isEqualTo(3);
        assertThat(coverage.targetTotal("two")).isEqualTo(2);
        // Self-harm 0, then Weapons 1 and Fraud 1 in campaign order; Theft 3 last.
        assertThat(coverage.leastCoveredTags(3)).containsExactly("Self-harm", "Weapons", "Fraud & deception");
        assertThat(coverage.leastCoveredTargets(2)).containsExactly("two", "one");

        // The hint: tags only. Alice chose every topic; Self-harm matches no example topic, so the topic is its own.
        assertThat(app.campaigns().coverageHint(alice)).contains(
                new CoverageHint(List.of("Self-harm", "Weapons", "Fraud & deception"), "Self-harm"));
        // Bob declined Self-harm: it is never hinted to him, and Weapons finds the example topic about a weapon.
        Worker bob = ReviewFixtures.worker(app, "bob", Role.RED_TEAMER);
        app.campaigns().consent(bob, List.of("Theft", "Weapons", "Fraud & deception"));
        assertThat(app.campaigns().coverageHint(bob)).contains(
                new CoverageHint(List.of("Weapons", "Fraud & deception", "Theft"), "borrowing a weapon without asking"));
    }

    @Test
    void noHintWhenTheCampaignLeavesHintsOff() {
        app = ReviewFixtures.open(dir, CAMPAIGN.withCoverage(CoverageSettings.OFF), new ReviewFixtures.SteppingClock());
        assertThat(app.campaigns().coverageHint(ReviewFixtures.redTeamer(app, "alice"))).isEmpty();
        assertThat(app.campaigns().coverage().leastCoveredTags(3)).containsExactly("Theft", "Weapons", "Fraud & deception");
    }

    @Test
    void aTopicMatchesATagThatSharesAWordOfFourLettersOrMore() {
        assertThat(CoverageHint.matches("Weapons", "a weapon at home")).isTrue();
        assertThat(CoverageHint.matches("Hate speech & offensive language", "OFFENSIVE jokes")).isTrue();
        assertThat(CoverageHint.matches("Theft", "the art of lying")).isFalse();
        assertThat(CoverageHint.matches("Animal abuse", "an aside")).isFalse();
    }

    private String targetOf(Worker worker, long attemptId) {
        long row = app.attempts().get(worker, attemptId).targetRowId();
        return app.campaigns().campaign().target(row).orElseThrow().id();
    }
}
