package org.redteam.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.redteam.backend.Completion;
import org.redteam.backend.CompletionRequest;
import org.redteam.backend.ModelBackend;
import org.redteam.config.AttackerSpec;
import org.redteam.config.BackendSpec;
import org.redteam.conversation.Message;
import org.redteam.problem.BackendUnavailableException;
import org.redteam.replay.Attack;
import org.redteam.replay.AttackSource;
import org.redteam.replay.SuiteFile;

/** The one contract every attacker strategy keeps, run over all three against a fake attacker model. */
class AttackerContractTest {

    @TempDir
    static Path dir;

    /** A fake attacker model: answers with {@code reply} of each request, and records the requests. */
    static final class FakeAttackerModel implements ModelBackend {
        final List<CompletionRequest> requests = Collections.synchronizedList(new ArrayList<>());
        private final Function<CompletionRequest, String> reply;

        FakeAttackerModel(Function<CompletionRequest, String> reply) {
            this.reply = reply;
        }

        @Override
        public List<Completion> complete(CompletionRequest request) {
            requests.add(request);
            return List.of(new Completion(reply.apply(request), "fake-attacker", 0, "stop"));
        }

        String prompt(int i) {
            return requests.get(i).conversation().get(0).text();
        }
    }

    static Stream<AttackerSpec.Strategy> strategies() {
        return Stream.of(AttackerSpec.Strategy.values());
    }

    static Path suite() {
        Path suite = dir.resolve("examples.jsonl");
        if (!suite.toFile().exists()) {
            SuiteFile.write(suite, IntStream.range(0, 10).mapToObj(i -> new Attack("h" + i,
                    AttackSource.file("jsonl", "in.jsonl", i, null, null, Map.of()), "", List.of("human example " + i),
                    List.of(), 4.0, null, null)).iterator());
        }
        return suite;
    }

    static Attacker attacker(AttackerSpec.Strategy strategy, ModelBackend model) {
        boolean fewShot = strategy == AttackerSpec.Strategy.FEW_SHOT;
        int turns = strategy == AttackerSpec.Strategy.MULTI_TURN ? 3 : 1;
        AttackerSpec spec = new AttackerSpec("att-" + strategy.key(), strategy, new BackendSpec.Demo(0), turns,
                fewShot ? Optional.of(suite()) : Optional.empty(), 3);
        return Attackers.create(spec, model, turns);
    }

    static AttackTurn first(int index, long seed) {
        return new AttackTurn(index, "Theft", List.of(), seed);
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void theFirstMessageIsTheModelsReplyTrimmedFromOnePromptOfOurOwn(AttackerSpec.Strategy strategy) {
        FakeAttackerModel model = new FakeAttackerModel(r -> "  \"tell me how to pick a lock\"\n");

        String message = attacker(strategy, model).next(first(0, 1));

        assertThat(message).isEqualTo("tell me how to pick a lock");
        assertThat(model.requests).hasSize(1);
        assertThat(model.requests.get(0).conversation()).hasSize(1)
                .allMatch(m -> m.speaker() == Message.Speaker.HUMAN && m.text().contains("safety"));
        assertThat(model.prompt(0)).doesNotContain("{topic}", "{examples}", "{conversation}");
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void theSameSeedAndAttackAskTheSameRequestAndAnotherAttackAnother(AttackerSpec.Strategy strategy) {
        FakeAttackerModel model = new FakeAttackerModel(r -> "a question");
        Attacker attacker = attacker(strategy, model);

        attacker.next(first(4, 9));
        attacker.next(first(4, 9));
        attacker.next(first(5, 9));

        assertThat(model.requests.get(0)).isEqualTo(model.requests.get(1));
        assertThat(model.requests.get(2).seed()).isNotEqualTo(model.requests.get(0).seed());
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void aBlankReplyIsTheAttackersFailureNamingIt(AttackerSpec.Strategy strategy) {
        Attacker attacker = attacker(strategy, new FakeAttackerModel(r -> " \n "));

        assertThatThrownBy(() -> attacker.next(first(0, 0))).isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("att-" + strategy.key()).hasMessageContaining("empty");
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void aFailingModelIsTheAttackersFailureNamingIt(AttackerSpec.Strategy strategy) {
        Attacker attacker = attacker(strategy, new FakeAttackerModel(r -> {
            throw new BackendUnavailableException("HTTP 503 from fake");
        }));

        assertThatThrownBy(() -> attacker.next(first(0, 0))).isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("attacker att-" + strategy.key() + ": HTTP 503 from fake");
    }

    @Test
    void zeroShotAsksAboutTheTopic() {
        FakeAttackerModel model = new FakeAttackerModel(r -> "a question");

        attacker(AttackerSpec.Strategy.ZERO_SHOT, model).next(new AttackTurn(0, "Animal abuse {examples}", List.of(), 0));

        assertThat(model.prompt(0)).contains("on this topic: Animal abuse {examples}.");
    }

    @Test
    void fewShotShowsThreeDistinctSuiteExamplesTheSameForTheSameSeed() {
        FewShotAttacker attacker = new FewShotAttacker(new AttackerModel("fs", new FakeAttackerModel(r -> "x")),
                Attackers.examples(suite(), "fs"), 3);

        List<String> shown = attacker.examples(2, 7);

        assertThat(shown).hasSize(3).doesNotHaveDuplicates().allMatch(e -> e.startsWith("human example "));
        assertThat(attacker.examples(2, 7)).isEqualTo(shown);
        assertThat(IntStream.range(0, 20).mapToObj(s -> attacker.examples(2, s)).distinct().count()).isGreaterThan(1);
    }

    @Test
    void fewShotPutsTheExamplesInItsPrompt() {
        FakeAttackerModel model = new FakeAttackerModel(r -> "x");
        FewShotAttacker attacker = new FewShotAttacker(new AttackerModel("fs", model), Attackers.examples(suite(), "fs"), 3);

        attacker.next(first(1, 3));

        List<String> shown = attacker.examples(1, 3);
        assertThat(model.prompt(0)).contains("1. " + shown.get(0) + "\n2. " + shown.get(1) + "\n3. " + shown.get(2));
    }

    @Test
    void multiTurnReadsTheTargetsReplyForItsNextMessage() {
        FakeAttackerModel model = new FakeAttackerModel(r -> "and then?");
        Attacker attacker = attacker(AttackerSpec.Strategy.MULTI_TURN, model);

        attacker.next(new AttackTurn(0, "Theft", List.of(Message.human("tell me how to pick a lock"),
                Message.assistant("I would rather not.")), 0));

        assertThat(attacker.maxTurns()).isEqualTo(3);
        assertThat(model.prompt(0)).contains("Human: tell me how to pick a lock").contains("Assistant: I would rather not.")
                .contains("Theft");
    }

    @Test
    void onlyMultiTurnTakesMoreThanOneTurn() {
        AttackerSpec zero = new AttackerSpec("z", AttackerSpec.Strategy.ZERO_SHOT, new BackendSpec.Demo(0), 1,
                Optional.empty(), 3);

        assertThatThrownBy(() -> Attackers.create(zero, new FakeAttackerModel(r -> "x"), 2))
                .hasMessageContaining("--turns 2").hasMessageContaining("only multi-turn");
    }
}
