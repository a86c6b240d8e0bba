package org.redteam.replay;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.redteam.conversation.Transcript;
import org.redteam.release.ReleasedRecord;
import org.redteam.release.ReleasedWriter;
import org.redteam.target.Target;

/**
 * A run's {@code replayed.json}: its replayed transcripts in the released format (one JSON array), so
 * {@code analyze --input} and {@code import} take them. Errored items are left out. Each field (docs/replay.md):
 * {@code model_type} and {@code num_params} from the target's labels (as {@code export} writes them),
 * {@code min_harmlessness_score_transcript} the replay's, {@code rating} the attack's original rating or 0.0 when
 * it has none (nobody rated the replay), {@code task_description} the attack's,
 * {@code task_descripton_harmlessness_score} null, {@code red_team_member_id} the source member when it is a whole
 * number, else a stable number derived from the member (or, when unknown, from the attack id),
 * {@code is_upworker} false, {@code tags} the attack's.
 */
public final class ReplayedExport {
    public static final String FILE = "replayed.json";

    private ReplayedExport() {
    }

    /**
     * Writes {@code out} from {@code results} through a temporary file (an older file is replaced only whole).
     * Holds the task descriptions of the suite's attacks by id while it writes; nothing else.
     *
     * @return the records written
     */
    public static long write(Path results, Path suite, Iterable<Target> targets, Path out) {
        Map<String, String> tasks = new HashMap<>();
        try (SuiteFile.Reader reader = SuiteFile.open(suite)) {
            reader.forEachRemaining(a -> tasks.put(a.id(), a.taskDescription()));
        }
        return write(results, tasks, r -> memberNumber(r.attack().member(), r.attackId()), targets, out);
    }

    /**
     * As {@link #write(Path, Path, Iterable, Path)} for results made without a suite: {@code tasks} gives each attack
     * id's task description, {@code member} each result's {@code red_team_member_id}.
     */
    public static long write(Path results, Map<String, String> tasks, ToLongFunction<ReplayResult> member,
                             Iterable<Target> targets, Path out) {
        Map<String, Target> byId = new HashMap<>();
        targets.forEach(t -> byId.put(t.id(), t));
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        try {
            long[] n = {0};
            try (OutputStream stream = Files.newOutputStream(tmp); ReleasedWriter writer = new ReleasedWriter(stream, true)) {
                ResultsFile.forEach(results, r -> {
                    Target t = byId.get(r.targetId());
                    if (r.failed() || t == null) {
                        return;
                    }
                    try {
                        writer.write(record(r, t, tasks.getOrDefault(r.attackId(), ""), member.applyAsLong(r)));
                        n[0]++;
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                writer.finish();
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return n[0];
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        }
    }

    static ReleasedRecord record(ReplayResult r, Target t, String taskDescription) {
        return record(r, t, taskDescription, memberNumber(r.attack().member(), r.attackId()));
    }

    private static ReleasedRecord record(ReplayResult r, Target t, String taskDescription, long member) {
        ReplayResult.AttackFacts a = r.attack();
        return new ReleasedRecord(Transcript.of(r.transcript()).render(), r.minHarmlessness(), t.size(),
                t.labelledModelType(), a.rating() == null ? 0.0 : a.rating(), taskDescription, null,
                member, false, a.tags());
    }

    /** The member as a number: itself when a whole number ≥ 0, else 52 bits of the SHA-256 of the member (or attack id). */
    public static long memberNumber(String member, String attackId) {
        if (member != null && member.matches("\\d{1,15}")) {
            return Long.parseLong(member);
        }
        String basis = member != null ? "member:" + member : "attack:" + attackId;
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(basis.getBytes(StandardCharsets.UTF_8));
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (d[i] & 0xff);
            }
            return v >>> 12;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
