package org.redteam.demographics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redteam.config.DemoCampaign;
import org.redteam.config.DemographicsSettings;
import org.redteam.problem.InvalidInputException;
import org.redteam.storage.StoreLocation;
import org.redteam.testing.Repositories;
import org.redteam.testing.TestPlatform;
import org.redteam.worker.Role;
import org.redteam.worker.Worker;

/** The questionnaire's rules over a real store: once per worker, choices only, a skip stores nothing else. */
class DemographicsTest {
    static final DemographicsSettings ASKED = new DemographicsSettings(true, 2, DemographicsSettings.DEFAULT_QUESTIONS);
    @TempDir
    Path dir;
    TestPlatform platform;
    Demographics demographics;

    StoreLocation store() {
        return StoreLocation.directory(dir.resolve("store"));
    }

    @BeforeEach
    void start() {
        platform = TestPlatform.start(store(), DemoCampaign.config().withDemographics(ASKED));
        demographics = platform.app().demographics();
    }

    @AfterEach
    void stop() {
        platform.close();
    }

    private Worker worker(String name) {
        return platform.addWorker(name, Role.RED_TEAMER).worker();
    }

    @Test
    void answersAreStoredOnceAndASecondResponseChangesNothing() {
        Worker alice = worker("alice");
        assertThat(demographics.pending(alice)).isTrue();

        demographics.answer(alice, Map.of("age", "25–34", "gender", "", "country", "India"));
        demographics.skip(alice);
        demographics.answer(alice, Map.of("age", "35–44"));

        assertThat(demographics.pending(alice)).isFalse();
        assertThat(rows("SELECT status FROM demographics_response")).containsExactly("answered");
        assertThat(rows("SELECT question_id || '=' || answer FROM demographics_answer ORDER BY question_id"))
                .containsExactly("age=25–34", "country=India");
    }

    @Test
    void skippingStoresOnlyThatTheWorkerSkipped() {
        Worker bob = worker("bob");

        demographics.skip(bob);

        assertThat(demographics.pending(bob)).isFalse();
        assertThat(rows("SELECT status FROM demographics_response")).containsExactly("skipped");
        assertThat(rows("SELECT answer FROM demographics_answer")).isEmpty();
        assertThat(demographics.report().skipped()).isEqualTo(1);
    }

    @Test
    void refusesAnAnswerThatIsNotOneOfTheChoicesAndStoresNothing() {
        Worker carol = worker("carol");

        assertThatThrownBy(() -> demographics.answer(carol, Map.of("age", "101")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("'101' is not an answer to question 'age'");
        assertThatThrownBy(() -> demographics.answer(carol, Map.of("shoe_size", "42")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("no question 'shoe_size'");
        assertThat(demographics.pending(carol)).isTrue();
    }

    @Test
    void theReportCountsPeoplePerAnswerInThisCampaign() {
        for (String name : List.of("d1", "d2", "d3")) {
            demographics.answer(worker(name), Map.of("education", "Master's degree"));
        }
        demographics.answer(worker("e1"), Map.of("education", "Doctorate or professional degree"));
        demographics.answer(worker("e2"), Map.of("education", "Bachelor's degree"));

        DemographicsReport report = demographics.report();

        DemographicsReport.QuestionRows education = report.questions().stream().filter(q -> q.id().equals("education"))
                .findFirst().orElseThrow();
        // min_group 2: 3 of 5 = 60.0%; the 1 doctorate and the 1 bachelor's are suppressed.
        assertThat(education.rows()).extracting(r -> r.answer() + ": " + DemographicsReport.people(r, 2) + " " + DemographicsReport.share(r))
                .contains("Master's degree: 3 60.0%", "Doctorate or professional degree: fewer than 2 —",
                        "Bachelor's degree: fewer than 2 —");
        assertThat(report.answered()).isEqualTo(5);
    }

    private List<String> rows(String sql) {
        return Repositories.attempts(platform.app()).jdbi().withHandle(h -> h.createQuery(sql).mapTo(String.class).list());
    }
}
