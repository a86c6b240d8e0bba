package org.redteam.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.redteam.agreement.Ratings;
import org.redteam.problem.InvalidInputException;

class HumanMajorityTest {

    @Test
    void majorityOfThePeopleTiesAndUnjudgedUnitsLeftOutAndListed() {
        Ratings labels = Ratings.builder()
                .add("a", "p1", 1).add("a", "p2", 1).add("a", "p3", 0).add("a", "j", 0)
                .add("b", "p1", 1).add("b", "p2", 0).addMissing("b", "p3").add("b", "j", 1)
                .add("c", "p1", 0).add("c", "p2", 0).add("c", "p3", 1)
                .add("d", "j", 1)
                .add("e", "p1", 0).add("e", "j", 0)
                .build();

        HumanMajority m = HumanMajority.of(labels, "j");

        assertThat(m.people()).containsExactly("p1", "p2", "p3");
        assertThat(m.pairs().units()).containsExactly("a", "e");
        assertThat(m.judgeLabels()).containsExactly(0, 0);
        assertThat(m.majorityLabels()).containsExactly(1, 0);
        assertThat(m.ties()).containsExactly("b");
        assertThat(m.unjudged()).containsExactly("c");
        assertThat(m.unlabelled()).containsExactly("d");
        assertThat(m.humans().raters()).containsExactly("p1", "p2", "p3");
        assertThat(m.humans().unitCount()).as("every unit of the file").isEqualTo(5);
    }

    @Test
    void anUnknownJudgeNamesTheRaters() {
        Ratings labels = Ratings.builder().add("a", "p1", 1).add("a", "j", 1).build();
        assertThatThrownBy(() -> HumanMajority.of(labels, "gpt"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("'gpt' is not a rater").hasMessageContaining("p1, j");
    }

    @Test
    void needsAPersonBesidesTheJudge() {
        Ratings labels = Ratings.builder().add("a", "j", 1).build();
        assertThatThrownBy(() -> HumanMajority.of(labels, "j"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("only rater");
    }
}
