package org.redteam.scoring;

import org.redteam.testing.Repositories;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redteam.App;
import org.redteam.Store;
import org.redteam.attempt.Attempt;
import org.redteam.dataset.ImportService;
import org.redteam.storage.StoreLocation;
import org.redteam.testing.FakePreferenceModel;
import org.redteam.testing.ReleasedRecords;

/** Batch scoring over a real SQLite store: what is scored, what is kept, and resuming. */
class ScoringServiceTest {
    private static final String ALREADY_SCORED = ReleasedRecords.record("\n\nHuman: hi\n\nAssistant: Hello.",
            "Say hello", -1.25, 0.5);
    private static final String HALF_SCORED = ReleasedRecords.record("\n\nHuman: hi\n\nAssistant: Hi there.",
            "Greet me", -2.5, null);
    private static final String NO_ASSISTANT = ReleasedRecords.record("\n\nHuman: is anyone there?", "Wait", null, null);

    @TempDir
    Path dir;

    private Store open(PreferenceModel model) {
        return App.at(StoreLocation.directory(dir.resolve("store"))).preferenceModel(model).openStore();
    }

    private static void importLines(Store app, Path file, List<String> lines) {
        app.imports().importFile(ReleasedRecords.write(file, lines), ImportService.Options.defaults(), bytes -> { });
    }

    private static Attempt.Scores scores(Store app, long id) {
        return Repositories.attempts(app).find(id).orElseThrow().scores();
    }

    @Test
    void fillsMissingScoresAndKeepsImportedOnes() {
        FakePreferenceModel model = FakePreferenceModel.minusLength();
        try (Store app = open(model)) {
            importLines(app, dir.resolve("in.jsonl"), List.of(ALREADY_SCORED, ReleasedRecords.unscored("No way."),
                    HALF_SCORED, NO_ASSISTANT));

            ScoringService.Result result = app.scoring().score(ScoreStore.Scope.UNSCORED, ScoringService.Progress.NONE);

            assertThat(result).isEqualTo(new ScoringService.Result(3, model.name()));
            assertThat(scores(app, 1)).isEqualTo(new Attempt.Scores(Optional.of(-1.25), Optional.of(0.5), Optional.empty()));
            // −len("No way.") = −7; −len("Get a rude answer") = −17
            assertThat(scores(app, 2)).isEqualTo(new Attempt.Scores(Optional.of(-7.0), Optional.of(-17.0), Optional.of(model.name())));
            // the imported min is kept; only the missing task score is filled
            assertThat(scores(app, 3)).isEqualTo(new Attempt.Scores(Optional.of(-2.5), Optional.of(-8.0), Optional.of(model.name())));
            // no assistant utterance: no min, but scored, so the next run leaves it alone
            assertThat(scores(app, 4)).isEqualTo(new Attempt.Scores(Optional.empty(), Optional.of(-4.0), Optional.of(model.name())));
            assertThat(app.scoring().score(ScoreStore.Scope.UNSCORED, ScoringService.Progress.NONE).attempts()).isZero();
        }
    }

    @Test
    void scoringAllReplacesImportedScores() {
        FakePreferenceModel model = FakePreferenceModel.minusLength();
        try (Store app = open(model)) {
            importLines(app, dir.resolve("in.jsonl"), List.of(ALREADY_SCORED, HALF_SCORED, NO_ASSISTANT));

            ScoringService.Result result = app.scoring().score(ScoreStore.Scope.ALL, ScoringService.Progress.NONE);

            assertThat(result.attempts()).isEqualTo(3);
            assertThat(scores(app, 1)).isEqualTo(new Attempt.Scores(Optional.of(-6.0), Optional.of(-9.0), Optional.of(model.name())));
            assertThat(scores(app, 2)).isEqualTo(new Attempt.Scores(Optional.of(-9.0), Optional.of(-8.0), Optional.of(model.name())));
            assertThat(scores(app, 3)).isEqualTo(new Attempt.Scores(Optional.empty(), Optional.of(-4.0), Optional.of(model.name())));
        }
    }

    @Test
    void anInterruptedRunKeepsItsCommittedBatchesAndTheNextRunScoresOnlyWhatIsLeft() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            lines.add(ReleasedRecords.unscored("answer number " + i));
        }
        try (Store app = open(FakePreferenceModel.failingAfter(1))) {
            importLines(app, dir.resolve("in.jsonl"), lines);

            assertThatThrownBy(() -> app.scoring().score(ScoreStore.Scope.UNSCORED, ScoringService.Progress.NONE))
                    .isInstanceOf(ScoringException.class);

            assertThat(scores(app, 64).scoredBy()).isPresent();
            assertThat(scores(app, 65).scoredBy()).isEmpty();
        }
        FakePreferenceModel second = FakePreferenceModel.minusLength();
        List<long[]> progress = new ArrayList<>();
        try (Store app = open(second)) {
            ScoringService.Result result = app.scoring().score(ScoreStore.Scope.UNSCORED,
                    (done, total) -> progress.add(new long[] {done, total}));

            assertThat(result.attempts()).isEqualTo(150 - 64);
            assertThat(progress).extracting(p -> p[0] + "/" + p[1]).containsExactly("0/86", "64/86", "86/86");
            assertThat(second.batches()).hasSize(2);
            assertThat(second.batches().get(0).get(0).response()).isEqualTo("answer number 64");
            assertThat(scores(app, 150).minHarmlessness()).contains(-17.0);
        }
    }

    @Test
    void loadsNoModelWhenThereIsNothingToScore() {
        try (Store app = App.at(StoreLocation.directory(dir.resolve("store"))).openStore()) {
            ScoringService.Result result = app.scoring().score(ScoreStore.Scope.UNSCORED, ScoringService.Progress.NONE);

            assertThat(result).isEqualTo(new ScoringService.Result(0, "the default preference model"));
        }
    }
}
