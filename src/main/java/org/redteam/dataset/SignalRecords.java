package org.redteam.dataset;

import org.redteam.attempt.Signals;
import org.redteam.release.ReleasedSignals;

/** A stored attempt's signals as the released record's extension ({@code --with-signals}); reasons scrubbed with the rest. */
final class SignalRecords {
    private SignalRecords() {
    }

    /** {@code signals} null: the attempt has none (empty flags, nulls). */
    static ReleasedSignals released(Signals signals, Scrub scrub) {
        if (signals == null) {
            return ReleasedSignals.NONE;
        }
        return new ReleasedSignals(
                signals.flags().stream().map(f -> new ReleasedSignals.Flag(f.turn(), scrub == null ? f.reason() : scrub.pii.scrub(f.reason()))).toList(),
                signals.expertise().map(e -> e.needed()).orElse(null),
                signals.expertise().flatMap(e -> e.area()).map(a -> scrub == null ? a : scrub.pii.scrub(a)).orElse(null));
    }
}
