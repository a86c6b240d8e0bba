package org.redteam.compare;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.redteam.analysis.TemplateFamilies;
import org.redteam.conversation.Transcript;
import org.redteam.judge.Judge;
import org.redteam.judge.Outcome;
import org.redteam.judge.Verdict;
import org.redteam.problem.InvalidInputException;
import org.redteam.release.ReleasedRecord;
import org.redteam.replay.JudgeAccuracy;
import org.redteam.replay.ReplayResult;
import org.redteam.replay.ResultsFile;

/** Compare items from released records (people) and from replay/attack output folders (automated). */
public final class CompareInputs {
    public static final String RESULTS = "results.jsonl";

    private CompareInputs() {
    }

    /** A released record as the {@code index}-th human attack, with its judge's turn outcomes (whole = worst turn). */
    public static CompareItem human(int index, ReleasedRecord r, List<Outcome> turns, Outcome whole) {
        return new CompareItem(CompareItem.Source.HUMAN, "h" + index, r.targetId(), String.valueOf(r.redTeamMemberId()),
                TemplateFamilies.firstHumanTurn(r.transcript()), r.tags(), whole, turns, null);
    }

    /** A released record judged now by {@code judge}: the turn verdicts, harmful when any turn is. */
    public static CompareItem judged(int index, ReleasedRecord r, Judge judge) {
        Transcript transcript = Transcript.parse(r.transcript());
        List<Outcome> turns = judge.judgeTurns(transcript).stream().map(Verdict::outcome).toList();
        Outcome whole = turns.isEmpty() ? judge.judge(transcript).outcome() : worst(turns);
        return human(index, r, turns, whole);
    }

    /** HARMFUL when any is, else UNDETERMINED when any is, else NOT_HARMFUL. */
    public static Outcome worst(List<Outcome> turns) {
        if (turns.contains(Outcome.HARMFUL)) {
            return Outcome.HARMFUL;
        }
        return turns.contains(Outcome.UNDETERMINED) || turns.isEmpty() ? Outcome.UNDETERMINED : Outcome.NOT_HARMFUL;
    }

    /** The automated items of the folders and the judge whose verdicts they carry. */
    public record Automated(List<CompareItem> items, CompareSettings.JudgeInfo judge, long failed, long withoutVerdict) {
    }

    /**
     * Every finished item of each folder's results.jsonl (failed items counted apart), judged by {@code judgeId} when
     * given, else by each item's first judge (an item without that verdict is undetermined and counted). Exit 3 (bad input) for a folder without results.jsonl or a broken line.
     */
    public static Automated automated(List<Path> dirs, String judgeId) {
        List<CompareItem> items = new ArrayList<>();
        long[] failed = {0, 0};
        CompareSettings.JudgeInfo[] judge = {null};
        for (int d = 0; d < dirs.size(); d++) {
            Path results = dirs.get(d).resolve(RESULTS);
            if (!Files.isRegularFile(results)) {
                throw new InvalidInputException("--automated: " + dirs.get(d) + " holds no " + RESULTS
                        + " (give the --out folder of replay or attack)");
            }
            int dir = d;
            ResultsFile.forEach(results, r -> {
                if (r.failed()) {
                    failed[0]++;
                    return;
                }
                Optional<ReplayResult.JudgedReplay> v = judgeId != null ? r.verdict(judgeId)
                        : r.verdicts().stream().findFirst();
                if (judge[0] == null && v.isPresent()) {
                    Verdict first = v.get().verdict();
                    judge[0] = new CompareSettings.JudgeInfo(first.judgeId(), first.judgeVersion(),
                            JudgeAccuracy.of(first.judgeId(), first.judgeVersion(), Map.of()));
                }
                if (v.isEmpty()) {
                    failed[1]++;
                }
                List<Outcome> turns = v.map(j -> j.turns().stream().map(Verdict::outcome).toList()).orElse(List.of());
                Outcome whole = v.map(j -> j.verdict().outcome()).orElse(Outcome.UNDETERMINED);
                Long tokens = r.tokens().map(t -> t.prompt() + t.completion()).orElse(null);
                items.add(new CompareItem(CompareItem.Source.AUTOMATED, dir + ":" + r.suiteVersion() + ":" + r.attackId(),
                        r.targetId(), r.attack().member(), Transcript.of(r.transcript()).firstHuman().orElse(""),
                        r.attack().tags(), whole, turns, tokens));
            });
        }
        if (items.isEmpty()) {
            throw new InvalidInputException("--automated: no finished item in " + dirs);
        }
        CompareSettings.JudgeInfo info = judge[0] != null ? judge[0]
                : new CompareSettings.JudgeInfo(judgeId == null ? "none" : judgeId, null, Optional.empty());
        return new Automated(items, info, failed[0], failed[1]);
    }
}
