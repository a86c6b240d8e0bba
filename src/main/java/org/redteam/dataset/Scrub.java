package org.redteam.dataset;

import org.redteam.release.ReleasedRecord;

/** The state of one scrubbing export: the PII scrubber and the pseudonym tables of members and reviewers. */
final class Scrub {
    final PiiScrubber pii = new PiiScrubber();
    final Pseudonyms members = new Pseudonyms();
    final Pseudonyms reviewers = new Pseudonyms();

    /** The record with personal data scrubbed and the member pseudonymized; unchanged when {@code scrub} is null. */
    static ReleasedRecord scrubbed(ReleasedRecord r, Scrub scrub) {
        if (scrub == null) {
            return r;
        }
        return new ReleasedRecord(scrub.pii.scrub(r.transcript()), r.minHarmlessnessScoreTranscript(), r.numParams(),
                r.modelType(), r.rating(), scrub.pii.scrub(r.taskDescription()), r.taskDescriptionHarmlessnessScore(),
                scrub.members.of(r.redTeamMemberId()), r.isUpworker(), r.tags());
    }
}
