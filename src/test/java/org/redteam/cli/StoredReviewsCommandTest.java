package org.redteam.cli;

import org.redteam.Platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redteam.agreement.Agreement;
import org.redteam.agreement.AgreementSpec;
import org.redteam.agreement.Level;
import org.redteam.agreement.Measure;
import org.redteam.agreement.Ratings;
import org.redteam.testing.ReleasedRecords;
import org.redteam.testing.ReviewFixtures;
import org.redteam.testing.ReviewFixtures.Answer;
import org.redteam.worker.Role;
import org.redteam.worker.Worker;

/**
 * {@code agreement --data} and {@code export --format reviews} on a store whose reviews were made through the
 * services. Five attempts, red-team ratings 4 0 2 3 1, each reviewed by A, B and C, except that C skips the
 * fifth:
 * <pre>
 *   attempt  A  B  C
 *   1        4  4  3
 *   2        0  0  0
 *   3        2  3  2
 *   4        3  4  4
 *   5        1  1  –
 * </pre>
 * The expected output is the library's on the same table built by hand: unit = attempt id, rater =
 * reviewer-&lt;id&gt;, value = rating, in attempt order.
 */
class StoredReviewsCommandTest {
    static final String CAMPAIGN = "Agreement test";
    static final int[] RED_TEAM = {4, 0, 2, 3, 1};
    static final int[][] REVIEWS = {{4, 4, 3}, {0, 0, 0}, {2, 3, 2}, {3, 4, 4}, {1, 1, -1}};

    @TempDir
    Path dir;
    long[] attempts = new long[5];
    Worker[] reviewers = new Worker[3];

    @BeforeEach
    void threeReviewersRateFiveAttempts() {
        ReviewFixtures.SteppingClock clock = new ReviewFixtures.SteppingClock();
        try (Platform app = ReviewFixtures.open(dir, ReviewFixtures.campaign(CAMPAIGN, 3), clock)) {
            Worker alice = ReviewFixtures.redTeamer(app, "alice");
            for (int i = 0; i < 5; i++) {
                attempts[i] = ReviewFixtures.submit(app, alice, "attempt " + (i + 1), RED_TEAM[i]);
            }
            app.reviews().enqueueAll(ReviewFixtures.worker(app, "admin", Role.ADMIN));
            for (int r = 0; r < 3; r++) {
                reviewers[r] = ReviewFixtures.worker(app, "reviewer " + "ABC".charAt(r), Role.REVIEWER);
                int column = r;
                ReviewFixtures.reviewAll(app, reviewers[r], clock, attempt -> {
                    int value = REVIEWS[index(attempt)][column];
                    return value < 0 ? Optional.empty() : Optional.of(Answer.of(value, "Theft"));
                });
            }
        }
    }

    private int index(long attempt) {
        for (int i = 0; i < attempts.length; i++) {
            if (attempts[i] == attempt) {
                return i;
            }
        }
        throw new AssertionError("unknown attempt " + attempt);
    }

    /** The table by hand; {@code units}: how many attempts, from the first; optionally the red teamer first in each unit. */
    Ratings byHand(int units, boolean withRedTeamer) {
        Ratings.Builder b = Ratings.builder();
        for (int i = 0; i < units; i++) {
            String unit = String.valueOf(attempts[i]);
            if (withRedTeamer) {
                b.add(unit, "red-teamer", RED_TEAM[i]);
            }
            for (int r = 0; r < 3; r++) {
                if (REVIEWS[i][r] >= 0) {
                    b.add(unit, "reviewer-" + reviewers[r].id(), REVIEWS[i][r]);
                }
            }
        }
        return b.build();
    }

    static String printed(Ratings ratings, AgreementSpec spec, int resamples, long seed) {
        StringWriter out = new StringWriter();
        AgreementCommand.print(Agreement.of(ratings, spec, resamples, seed), new PrintWriter(out));
        return out.toString();
    }

    static String last(CliTest.Run run) {
        return run.lines().get(run.lines().size() - 1);
    }

    @Test
    void fleissOnAStoreKeepsTheUnitsWithTheModalNumberOfReviews() {
        CliTest.Run run = CliTest.run("agreement", "--data", dir.toString(), "--measure", "fleiss", "--resamples", "300", "--seed", "5");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("ratings: 14 answered reviews of 5 attempts in campaign 'Agreement test'\n"
                + "units with the modal number of ratings (3): 4 kept, 1 dropped (1 with 2 ratings)\n"
                + printed(byHand(4, false), AgreementSpec.of(Measure.FLEISS, Optional.empty(), Optional.empty(),
                        OptionalDouble.empty()), 300, 5));
        // Attempts 1–4, n = 3: P_i = 1/3, 1, 1/3, 1/3 → P̄ = 0.5; of 12 ratings 0: 3, 2: 2, 3: 3, 4: 4 →
        // P_e = (9 + 4 + 9 + 16) / 144 = 0.26389; κ = (0.5 − 0.26389) / (1 − 0.26389) = 0.32075.
        assertThat(last(run)).isEqualTo("kappa: 0.321");
    }

    @Test
    void krippendorffOnAStoreUsesEveryReviewedAttempt() {
        CliTest.Run run = CliTest.run("agreement", "--data", dir.toString(), "--campaign", CAMPAIGN,
                "--measure", "krippendorff", "--level", "ordinal", "--resamples", "200");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("ratings: 14 answered reviews of 5 attempts in campaign 'Agreement test'\n"
                + printed(byHand(5, false), AgreementSpec.of(Measure.KRIPPENDORFF, Optional.of(Level.ORDINAL),
                        Optional.empty(), OptionalDouble.empty()), 200, 42));
    }

    @Test
    void withRedTeamerAddsTheAttemptsOwnRatingAsOneMoreRater() {
        CliTest.Run run = CliTest.run("agreement", "--data", dir.toString(), "--with-red-teamer",
                "--measure", "krippendorff", "--level", "interval", "--resamples", "0");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("ratings: 14 answered reviews of 5 attempts in campaign 'Agreement test', "
                + "with the red teamers' own ratings as rater red-teamer\n"
                + printed(byHand(5, true), AgreementSpec.of(Measure.KRIPPENDORFF, Optional.of(Level.INTERVAL),
                        Optional.empty(), OptionalDouble.empty()), 0, 42));
        assertThat(run.out()).contains("raters: 4, ratings: 19");
    }

    @Test
    void fleissOnEveryUnitNamesTheUnitWithFewerReviews() {
        CliTest.Run run = CliTest.run("agreement", "--data", dir.toString(), "--measure", "fleiss", "--units", "all");

        assertThat(run.exit()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(run.err()).contains("unit '" + attempts[4] + "' has 2, unit '" + attempts[0] + "' has 3");
    }

    @Test
    void picksTheCampaignByNameWhenTheStoreHasSeveral() {
        Path file = ReleasedRecords.write(dir.resolve("in.jsonl"), List.of(ReleasedRecords.unscored("No.")));
        assertThat(CliTest.run("import", file.toString(), "--data", dir.toString()).exit()).isZero();

        CliTest.Run ambiguous = CliTest.run("agreement", "--data", dir.toString(), "--measure", "fleiss");
        CliTest.Run unknown = CliTest.run("agreement", "--data", dir.toString(), "--campaign", "nope", "--measure", "fleiss");
        CliTest.Run named = CliTest.run("agreement", "--data", dir.toString(), "--campaign", CAMPAIGN, "--measure", "fleiss");
        StoreCommandsTest.emptyStore(dir.resolve("empty"));
        CliTest.Run empty = CliTest.run("agreement", "--data", dir.resolve("empty").toString(), "--measure", "fleiss");

        assertThat(ambiguous.exit()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(ambiguous.err()).contains("the store has 2 campaigns; choose one with --campaign NAME: 'Agreement test', 'imported'");
        assertThat(unknown.exit()).isEqualTo(Main.EXIT_NOT_FOUND);
        assertThat(unknown.err()).contains("--campaign: no campaign 'nope' in the store; it has 'Agreement test', 'imported'");
        assertThat(named.exit()).as(named.err()).isZero();
        assertThat(last(named)).isEqualTo("kappa: 0.321");
        assertThat(empty.exit()).isEqualTo(Main.EXIT_NOT_FOUND);
        assertThat(empty.err()).contains("the store has no campaign");
    }

    @Test
    void storeOptionsAndTheCsvSourceDoNotMix() throws Exception {
        Path csv = Files.writeString(dir.resolve("r.csv"), "unit,rater,value\nt1,a,1\nt1,b,1\n");

        CliTest.Run both = CliTest.run("agreement", "--input", csv.toString(), "--data", dir.toString(), "--measure", "fleiss");
        CliTest.Run campaign = CliTest.run("agreement", "--input", csv.toString(), "--campaign", CAMPAIGN, "--measure", "fleiss");
        CliTest.Run units = CliTest.run("agreement", "--input", csv.toString(), "--units", "some", "--measure", "fleiss");

        assertThat(both.exit()).isEqualTo(2);
        assertThat(campaign.exit()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(campaign.err()).contains("--campaign applies to the reviews of a store");
        assertThat(units.exit()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(units.err()).contains("--units: use all or modal, got 'some'");
    }

    @Test
    void exportReviewsWritesOneRowPerAnsweredReview() throws Exception {
        Path out = dir.resolve("reviews.csv");

        CliTest.Run run = CliTest.run("export", "--format", "reviews", "--out", out.toString(), "--data", dir.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("exported 14 reviews of 5 attempts to " + out + "\n");
        List<String> lines = List.of(Files.readString(out).split("\r\n"));
        assertThat(lines).hasSize(15);
        assertThat(lines.get(1)).startsWith(attempts[0] + ",").contains(",reviewer-" + reviewers[0].id() + ",4,Theft,,30,");
    }
}
