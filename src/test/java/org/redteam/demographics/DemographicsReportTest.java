package org.redteam.demographics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.redteam.config.DemographicsSettings;

/** Aggregates only, an answer of fewer than min_group people shown without count or share; worked by hand. */
class DemographicsReportTest {
    private static final DemographicsSettings.Question AGE = new DemographicsSettings.Question("age", "Your age",
            List.of("18–24", "25–34", "35–44", "Prefer not to say"));

    @Test
    void suppressesAnswersOfFewerThanMinGroupPeopleAndTheirShares() {
        // 12 answered age: 6 + 4 + 2 + 0. Shares of the 12: 6/12 = 50.0%; 4 and 2 are under 5: no count, no share;
        // 0 people is no group to hide and shows 0 (0.0%).
        List<DemographicsRepository.Count> counts = List.of(new DemographicsRepository.Count("age", "18–24", 6),
                new DemographicsRepository.Count("age", "25–34", 4), new DemographicsRepository.Count("age", "35–44", 2));

        DemographicsReport report = DemographicsReport.of(List.of(AGE), counts, Map.of("answered", 12L, "skipped", 3L), 5);

        assertThat(report.answered()).isEqualTo(12);
        assertThat(report.skipped()).isEqualTo(3);
        DemographicsReport.QuestionRows age = report.questions().get(0);
        assertThat(age.text()).isEqualTo("Your age");
        assertThat(age.rows()).extracting(DemographicsReport.Row::answer)
                .containsExactly("18–24", "25–34", "35–44", "Prefer not to say");
        assertThat(age.rows()).extracting(r -> DemographicsReport.people(r, 5))
                .containsExactly("6", "fewer than 5", "fewer than 5", "0");
        assertThat(age.rows()).extracting(DemographicsReport::share).containsExactly("50.0%", "—", "—", "0.0%");
    }

    @Test
    void aGroupOfExactlyMinGroupIsShownAndStoredAnswersOfUnknownQuestionsAreListedByTheirId() {
        // min_group 3: 3 is shown (3/5 = 60.0%), and 1 and 1 are not.
        List<DemographicsRepository.Count> counts = List.of(new DemographicsRepository.Count("region", "North", 3),
                new DemographicsRepository.Count("region", "South", 1), new DemographicsRepository.Count("region", "East", 1));

        DemographicsReport report = DemographicsReport.of(List.of(), counts, Map.of("answered", 5L), 3);

        DemographicsReport.QuestionRows region = report.questions().get(0);
        assertThat(region.text()).isEqualTo("region");
        assertThat(region.rows()).extracting(r -> DemographicsReport.people(r, 3) + " " + DemographicsReport.share(r))
                .containsExactly("3 60.0%", "fewer than 3 —", "fewer than 3 —");
        assertThat(report.skipped()).isZero();
    }

    @Test
    void whenOneAnswerIsSuppressedTheSmallestOtherIsWithheldSoSubtractionCannotRevealIt() {
        // 18 answered age: 10 + 6 + 2 + 0. Shown alone, 2 would be 10 ÷ 55.6% − 10 − 6. So 6, the smallest other
        // answer anyone gave, is withheld too: 10 (55.6%) tells only that the other two sum to 8.
        List<DemographicsRepository.Count> counts = List.of(new DemographicsRepository.Count("age", "18–24", 10),
                new DemographicsRepository.Count("age", "25–34", 6), new DemographicsRepository.Count("age", "35–44", 2));

        DemographicsReport.QuestionRows age = DemographicsReport.of(List.of(AGE), counts, Map.of("answered", 18L), 5)
                .questions().get(0);

        assertThat(age.rows()).extracting(r -> DemographicsReport.people(r, 5) + " " + DemographicsReport.share(r))
                .containsExactly("10 55.6%", "withheld —", "fewer than 5 —", "0 0.0%");
        assertThat(age.rows()).extracting(DemographicsReport.Row::suppressed).containsExactly(false, true, true, false);
    }

    @Test
    void aLoneSmallAnswerWithNoOtherAnswerGivenWithholdsNothingElse() {
        // 3 of 3 chose one answer (fewer than 5); the zeros stay 0: nothing to subtract from.
        List<DemographicsRepository.Count> counts = List.of(new DemographicsRepository.Count("age", "25–34", 3));

        DemographicsReport.QuestionRows age = DemographicsReport.of(List.of(AGE), counts, Map.of("answered", 3L), 5)
                .questions().get(0);

        assertThat(age.rows()).extracting(r -> DemographicsReport.people(r, 5))
                .containsExactly("0", "fewer than 5", "0", "0");
    }
}
