package org.redteam.judge;

import java.util.Optional;
import org.redteam.conversation.Transcript;

/**
 * What judging reads of a stored attempt: its conversation (the human messages and the responses the red teamer
 * picked, or an imported transcript as given). Implemented over the attempt store where the store is wired, so
 * this package does not depend on the red-team feature's classes.
 */
@FunctionalInterface
public interface Transcripts {

    /** The conversation of the attempt with this id when it exists and is submitted; empty otherwise. */
    Optional<Transcript> submitted(long attemptId);
}
