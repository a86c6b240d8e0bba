package org.redteam.review;

import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.redteam.conversation.Transcript;

/**
 * What review reads of a stored attempt: the red teamer's plan and the conversation as they had it (human
 * messages and the responses they picked). Implemented over the attempt store where the platform is wired,
 * so review does not depend on the red-team feature's classes.
 */
@FunctionalInterface
public interface Attempts {

    /** An attempt as a reviewer sees it. */
    record Attempted(String taskDescription, Transcript conversation) {
    }

    /** The attempt with this id, read in the caller's transaction; empty when there is none. */
    Optional<Attempted> find(Handle h, long attemptId);
}
