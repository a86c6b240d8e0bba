package org.redteam.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Optional;
import org.redteam.attempt.SignalService;
import org.redteam.problem.InvalidInputException;
import org.redteam.problem.StateConflictException;
import org.redteam.worker.Worker;

/**
 * The signals' form posts (the pages work without JavaScript): flag a picked reply, take the flag back; both redirect
 * (303) to the conversation. The expertise answer comes with the rating form ({@link #expertise}).
 */
final class SignalPages {
    private final SignalService signals;

    SignalPages(SignalService signals) {
        this.signals = signals;
    }

    void register(RoutesConfig routes) {
        routes.post("/attempts/{id}/turns/{index}/flag", this::flag);
        routes.post("/attempts/{id}/turns/{index}/flag/undo", this::unflag);
    }

    /** A flag on an attempt that moved on (submitted in another tab) lands on the attempt as it stands, with the note. */
    private void flag(Context ctx) {
        long id = AttemptPages.id(ctx);
        try {
            signals.flag(Auth.worker(ctx), id, AttemptPages.index(ctx), ctx.formParam("reason"));
        } catch (StateConflictException e) {
            ctx.redirect("/attempts/" + id + "?" + AttemptPages.MOVED + "=1", HttpStatus.SEE_OTHER);
            return;
        }
        ctx.redirect("/attempts/" + id, HttpStatus.SEE_OTHER);
    }

    private void unflag(Context ctx) {
        long id = AttemptPages.id(ctx);
        try {
            signals.unflag(Auth.worker(ctx), id, AttemptPages.index(ctx));
        } catch (StateConflictException e) {
            ctx.redirect("/attempts/" + id + "?" + AttemptPages.MOVED + "=1", HttpStatus.SEE_OTHER);
            return;
        }
        ctx.redirect("/attempts/" + id, HttpStatus.SEE_OTHER);
    }

    /**
     * Stores the rating form's expertise answer: {@code neededExpertise} yes / no / absent (not answered), the area
     * from the free-text {@code expertiseOther} when given, else the campaign list's {@code expertiseArea} (kept only
     * with yes). Nothing answered leaves what is stored (an answer given through the API) as it is. Returns why the
     * answer was refused, in plain words, for the rating page (the rating is then not submitted either).
     */
    static Optional<String> expertise(Context ctx, SignalService signals, Worker worker, long attemptId) {
        String needed = Optional.ofNullable(ctx.formParam("neededExpertise")).orElse("");
        if (needed.isEmpty()) {
            return Optional.empty();
        }
        if (!needed.equals("yes") && !needed.equals("no")) {
            return Optional.of("Answer whether the attack needed domain expertise with yes or no.");
        }
        String other = Optional.ofNullable(ctx.formParam("expertiseOther")).orElse("").strip();
        String area = other.isEmpty() ? ctx.formParam("expertiseArea") : other;
        try {
            signals.expertise(worker, attemptId, Optional.of(needed.equals("yes")), needed.equals("yes") ? area : null);
        } catch (InvalidInputException e) {
            return Optional.of(PlainWords.sentence(e.getMessage()));
        }
        return Optional.empty();
    }
}
