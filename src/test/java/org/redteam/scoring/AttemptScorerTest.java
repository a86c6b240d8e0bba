package org.redteam.scoring;

import org.redteam.conversation.Exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.redteam.testing.FakePreferenceModel;

class AttemptScorerTest {
    private final FakePreferenceModel model = FakePreferenceModel.minusLength();
    private final AttemptScorer scorer = new AttemptScorer(model);

    @Test
    void takesTheLowestUtteranceScoreAndScoresTheTaskDescriptionOnItsOwn() {
        ScoringInput a = new ScoringInput(7, List.of(new Exchange("\n\nHuman: hi", "Hello."),
                new Exchange("\n\nHuman: hi\n\nAssistant: Hello.\n\nHuman: more", "A longer answer.")), "Be rude");

        List<ScoredAttempt> scored = scorer.score(List.of(a));

        // −len("Hello.") = −6, −len("A longer answer.") = −16: the min is −16; −len("Be rude") = −7.
        assertThat(scored).containsExactly(new ScoredAttempt(7, Optional.of(-16.0), -7.0, model.name()));
        assertThat(model.batches().get(0)).last().isEqualTo(new Exchange("", "Be rude"));
    }

    @Test
    void scoresAllTextsOfABatchInOneModelCall() {
        List<ScoringInput> batch = List.of(
                new ScoringInput(1, List.of(new Exchange("c", "ab")), "t1"),
                new ScoringInput(2, List.of(), "task two"),
                new ScoringInput(3, List.of(new Exchange("c", "abc"), new Exchange("c", "a")), "t"));

        List<ScoredAttempt> scored = scorer.score(batch);

        assertThat(model.batches()).hasSize(1);
        assertThat(model.batches().get(0)).hasSize(2 + 1 + 3);
        assertThat(scored).extracting(ScoredAttempt::minHarmlessness)
                .containsExactly(Optional.of(-2.0), Optional.empty(), Optional.of(-3.0));
        assertThat(scored).extracting(ScoredAttempt::taskDescriptionHarmlessness).containsExactly(-2.0, -8.0, -1.0);
    }

    @Test
    void refusesAModelThatBreaksItsContract() {
        PreferenceModel short1 = new PreferenceModel() {
            @Override
            public double harmlessness(String context, String response) {
                return 0;
            }

            @Override
            public double[] harmlessness(List<Exchange> exchanges) {
                return new double[exchanges.size() - 1];
            }

            @Override
            public String name() {
                return "short";
            }
        };
        PreferenceModel nan = new PreferenceModel() {
            @Override
            public double harmlessness(String context, String response) {
                return Double.NaN;
            }

            @Override
            public String name() {
                return "nan";
            }
        };
        List<ScoringInput> one = List.of(new ScoringInput(5, List.of(new Exchange("c", "r")), "t"));

        assertThatThrownBy(() -> new AttemptScorer(short1).score(one)).isInstanceOf(ScoringException.class)
                .hasMessage("short returned 1 scores for 2 texts (attempts 5…5)");
        assertThatThrownBy(() -> new AttemptScorer(nan).score(one)).isInstanceOf(ScoringException.class)
                .hasMessage("nan gave NaN for assistant utterance 1 of attempt 5; scores must be finite numbers");
    }

    @Test
    void anEmptyBatchCallsNoModel() {
        assertThat(scorer.score(List.of())).isEmpty();
        assertThat(model.batches()).isEmpty();
    }
}
