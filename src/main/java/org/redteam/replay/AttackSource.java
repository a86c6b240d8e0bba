package org.redteam.replay;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Where an attack came from, as written in the suite's {@code "source"} object.
 *
 * @param kind             {@code store} (an attempt of a platform store), {@code file} (a record of a released-format
 *                         file), {@code jsonl}, {@code csv} or {@code jbb} (an imported file)
 * @param file             the file's name (not its path), null for the store
 * @param record           the 0-based record or line index in that file, null for the store
 * @param attemptId        the store's attempt id, null for files
 * @param member           the red teamer who wrote it ({@code red_team_member_id} or the store's pseudonym) when
 *                         known, else null: replay's intervals are clustered by it
 * @param minHarmlessness  the original transcript's minimum harmlessness when known, else null
 * @param details          other facts kept as given (JailbreakBench's goal, behavior and category), sorted by key
 */
public record AttackSource(String kind, String file, Long record, Long attemptId, String member,
                           Double minHarmlessness, Map<String, String> details) {

    public AttackSource {
        Objects.requireNonNull(kind, "kind");
        details = details == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(details));
    }

    /** An attempt of the store. */
    public static AttackSource store(long attemptId, String member, Double minHarmlessness) {
        return new AttackSource("store", null, null, attemptId, member, minHarmlessness, Map.of());
    }

    /** Record {@code index} (0-based) of a file of {@code kind}. */
    public static AttackSource file(String kind, String file, long index, String member, Double minHarmlessness,
                                    Map<String, String> details) {
        return new AttackSource(kind, file, index, null, member, minHarmlessness, details);
    }
}
