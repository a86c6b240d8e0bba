package org.redteam.worker;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.redteam.problem.AccessDeniedException;
import org.redteam.problem.InvalidInputException;

/**
 * The open study link of a crowd-work platform (Prolific, MTurk): {@code /study/{secret}?PROLIFIC_PID=X} signs in
 * the red teamer with external id X, created on first visit. The campaign's secret keeps strangers out; it is
 * drawn once and kept in the store ({@code platform_setting}), so the link survives restarts. Only plain red
 * teamers sign in this way: a worker with any other role, or a deactivated one, is refused.
 */
public final class StudyAccess {
    static final String SECRET_SETTING = "study_secret.campaign.";
    /** Name of a worker the study link created: the platform's id, so admins can match payments. */
    static final String NAME_PREFIX = "study ";

    private final WorkerRepository workers;
    private final Clock clock;
    private final long campaignId;
    private final boolean open;

    /** @param open whether the campaign has an open study link ({@code crowd.open_study_link}) */
    public StudyAccess(WorkerRepository workers, Clock clock, long campaignId, boolean open) {
        this.workers = workers;
        this.clock = clock;
        this.campaignId = campaignId;
        this.open = open;
    }

    /**
     * The campaign's study link secret, drawn on first use and the same after every restart; empty when the
     * campaign has no open study link.
     */
    public Optional<String> secret() {
        if (!open) {
            return Optional.empty();
        }
        return Optional.of(workers.putSettingIfAbsent(SECRET_SETTING + campaignId, Secrets.newSecret("st_"), clock.instant()));
    }

    /** True when the campaign has an open study link and {@code given} is its secret (compared in constant time). */
    public boolean isSecret(String given) {
        return given != null && secret().filter(s -> MessageDigest.isEqual(s.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8))).isPresent();
    }

    /**
     * Signs in the red teamer with {@code externalId}, creating them on first visit, and ends the browser's
     * previous session (whoever it was for), so a shared computer never keeps the last worker signed in.
     */
    public WorkerService.SignIn signIn(String externalId, Optional<String> previousSessionId) {
        String ext = externalId == null ? "" : externalId.strip();
        if (ext.isEmpty()) {
            throw new InvalidInputException("the link has no worker id; open it from your crowd-work platform");
        }
        WorkerService.checkExternalId(ext);
        Instant now = clock.instant();
        String sessionId = Secrets.newSecret("s_");
        String csrf = Secrets.newSecret("c_");
        long id = workers.jdbi().inTransaction(h -> {
            // two first visits with the same id at once (two tabs, a double click) must not create two workers
            workers.lockSetting(h, SECRET_SETTING + campaignId);
            Optional<WorkerRepository.ExternalWorker> found = workers.byExternalId(h, ext);
            if (found.isPresent() && found.get().deactivated()) {
                throw new AccessDeniedException("your access to this study has ended; contact the researchers if this is a mistake");
            }
            long wid = found.map(WorkerRepository.ExternalWorker::id)
                    .orElseGet(() -> workers.insert(h, NAME_PREFIX + ext, Optional.of(ext), Set.of(Role.RED_TEAMER), now));
            Set<Role> roles = workers.find(h, wid).orElseThrow().roles();
            if (!roles.equals(EnumSet.of(Role.RED_TEAMER))) {
                throw new AccessDeniedException("this worker id signs in with an invite link, not the study link");
            }
            previousSessionId.ifPresent(p -> workers.deleteSession(h, Secrets.hash(p)));
            workers.insertSession(h, Secrets.hash(sessionId), wid, csrf, now, now.plus(WorkerService.SESSION_LENGTH));
            return wid;
        });
        return new WorkerService.SignIn(workers.find(id).orElseThrow(), sessionId, csrf);
    }
}
