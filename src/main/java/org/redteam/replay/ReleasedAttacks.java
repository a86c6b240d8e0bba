package org.redteam.replay;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.redteam.conversation.Message;
import org.redteam.conversation.Transcript;
import org.redteam.problem.InvalidInputException;
import org.redteam.release.ReleasedReader;
import org.redteam.release.ReleasedRecord;

/**
 * Released-format records as attacks ({@code suite create --input FILE}): the human turns of the transcript (parsed
 * by {@link Transcript}, the one parser), the task description, tags (distinct, in order), rating, model type and
 * size; the source is the file's name, the record's 0-based index, {@code red_team_member_id} and the record's
 * minimum harmlessness. The id is {@code <file stem>-<index>}: stable for the same file, unique within it.
 */
public final class ReleasedAttacks {
    static final String NO_HUMAN_TURN = "no human turn in the transcript";

    private ReleasedAttacks() {
    }

    /** The attacks of {@code file} that pass {@code filter}, with the summary. */
    public static SuiteSelection.Selected select(Path file, AttackFilter filter) {
        if (filter.judgedHarmfulBy().isPresent()) {
            throw new InvalidInputException("--judged-harmful-by needs the store's verdicts (--data or --db), "
                    + "not a released-format file");
        }
        SuiteSelection selection = new SuiteSelection(filter);
        String name = file.getFileName().toString();
        String stem = stem(name);
        try (ReleasedReader reader = ReleasedReader.open(file)) {
            long index = 0;
            for (Optional<ReleasedRecord> r; (r = reader.next()).isPresent(); index++) {
                Optional<Attack> attack = attack(r.get(), stem + "-" + index, name, index);
                if (attack.isPresent()) {
                    selection.offer(attack.get());
                } else {
                    selection.skip(NO_HUMAN_TURN);
                }
            }
        }
        return selection.finish();
    }

    /** The attack of one record, empty when its transcript has no (non-blank) human turn. */
    public static Optional<Attack> attack(ReleasedRecord r, String id, String fileName, long index) {
        return attack(r, id, AttackSource.file("file", fileName, index, String.valueOf(r.redTeamMemberId()),
                r.minHarmlessnessScoreTranscript(), Map.of()));
    }

    /** The attack of one record with the given source (the store's attempts come through here too). */
    static Optional<Attack> attack(ReleasedRecord r, String id, AttackSource source) {
        List<String> turns = humanTurns(r.transcript());
        if (turns.isEmpty()) {
            return Optional.empty();
        }
        List<String> tags = r.tags() == null ? List.of() : List.copyOf(new LinkedHashSet<>(r.tags()));
        return Optional.of(new Attack(id, source, r.taskDescription(), turns, tags, r.rating(), r.modelType(),
                r.numParams()));
    }

    /** The non-blank human messages of a transcript in the released layout, in order. */
    static List<String> humanTurns(String transcript) {
        return Transcript.parse(transcript).messages().stream()
                .filter(m -> m.speaker() == Message.Speaker.HUMAN && !m.text().isBlank())
                .map(Message::text).toList();
    }

    /** The file name without {@code .gz} and then without its last extension. */
    static String stem(String fileName) {
        String s = fileName.endsWith(".gz") ? fileName.substring(0, fileName.length() - 3) : fileName;
        int dot = s.lastIndexOf('.');
        return dot > 0 ? s.substring(0, dot) : s;
    }
}
