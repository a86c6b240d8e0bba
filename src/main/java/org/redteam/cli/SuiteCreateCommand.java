package org.redteam.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.redteam.App;
import org.redteam.Store;
import org.redteam.problem.InvalidInputException;
import org.redteam.replay.AttackFilter;
import org.redteam.replay.ReleasedAttacks;
import org.redteam.replay.SuiteSelection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code redteam suite create}: a suite from a released-format file or the store's submitted attempts, by filter. */
@Command(name = "create", mixinStandardHelpOptions = true,
        description = {
            "Make a suite from a released-format file (--input) or from the store's submitted human attempts "
                + "(--data/--db): the human turns of each transcript, with task description, tags, rating and labels.",
            "Filters apply in order (rating, tags, model type, judge), then --dedupe-templates, then the --limit draw. "
                + "Prints how many were read, how many were left out for each reason, and last 'attacks: N'. "
                + "See docs/replay.md."})
final class SuiteCreateCommand implements Callable<Integer> {

    @Option(names = "--input", paramLabel = "FILE", description = "A released-format file (JSON array or JSON Lines, .gz too) instead of the store.")
    Path input;

    @Mixin
    StoreOptions store;

    @Option(names = "--out", required = true, paramLabel = "SUITE.jsonl", description = "The suite to write (replaced only when complete).")
    Path out;

    @Option(names = "--min-rating", paramLabel = "N", description = "Keep attacks the red teamer rated at least N (0–4).")
    Double minRating;

    @Option(names = "--tags", split = ",", paramLabel = "T", description = "Keep attacks with at least one of these tags.")
    List<String> tags = List.of();

    @Option(names = "--model-type", paramLabel = "TYPE", description = "Keep attacks made against this model type.")
    String modelType;

    @Option(names = "--judged-harmful-by", paramLabel = "JUDGE", description = "Keep attempts whose stored verdict by this judge is harmful (store only).")
    String judgedHarmfulBy;

    @Option(names = "--limit", paramLabel = "N", description = "Keep at most N, drawn at random with --seed (the same N for the same seed).")
    Integer limit;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Seed of the --limit draw (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--dedupe-templates", description = "Keep one attack per template family (near-duplicate first messages).")
    boolean dedupeTemplates;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        AttackFilter filter;
        try {
            filter = new AttackFilter(minRating == null ? OptionalDouble.empty() : OptionalDouble.of(minRating),
                    tags.stream().map(String::strip).filter(t -> !t.isEmpty()).toList(), Optional.ofNullable(modelType),
                    Optional.ofNullable(judgedHarmfulBy), limit == null ? OptionalInt.empty() : OptionalInt.of(limit),
                    seed, dedupeTemplates);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
        SuiteSelection.Selected selected;
        if (input != null) {
            if (store.data != null || store.db != null) {
                throw new InvalidInputException("give either --input or --data/--db, not both");
            }
            selected = ReleasedAttacks.select(input, filter);
        } else {
            try (Store app = App.at(store.existing()).openStore()) {
                selected = app.attackSelection().choose(filter);
            }
        }
        return SuiteCommand.write(selected, out, spec.commandLine().getOut());
    }
}
