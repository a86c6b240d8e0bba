package org.redteam.admin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.redteam.attempt.Attempt;
import org.redteam.attempt.AttemptRepository;
import org.redteam.attempt.AttemptSearch;
import org.redteam.attempt.AttemptSearchRepository;
import org.redteam.attempt.AttemptStatus;
import org.redteam.attempt.Candidate;
import org.redteam.attempt.Turn;
import org.redteam.backend.Sample;
import org.redteam.campaign.Campaign;
import org.redteam.problem.NotFoundException;
import org.redteam.review.Annotation;
import org.redteam.review.ReviewRepository;
import org.redteam.target.Target;
import org.redteam.worker.Worker;
import org.redteam.worker.WorkerRepository;

/**
 * The admin's attempt browser: the campaign's attempts filtered and paged, and one attempt with everything the store
 * keeps about it (both candidates of every turn, rejection-sampling scores, the preference model's scores, every
 * answered review). Callers check that the worker is an admin ({@link AdminService} does).
 */
public final class AttemptBrowser {
    public static final int PAGE_SIZE = 50;
    public static final int MAX_TEXT = 200;

    private final Campaign campaign;
    private final AttemptSearchRepository search;
    private final AttemptRepository attempts;
    private final ReviewRepository reviews;
    private final WorkerRepository workers;

    AttemptBrowser(Campaign campaign, AttemptSearchRepository search, AttemptRepository attempts, ReviewRepository reviews,
                   WorkerRepository workers) {
        this.campaign = campaign;
        this.search = search;
        this.attempts = attempts;
        this.reviews = reviews;
        this.workers = workers;
    }

    /** The filters as typed (GET query parameters; null when absent), so the form shows them again. */
    public record Filters(String target, String rating, String minRating, String tag, String member, String status,
                          String text, String page, String verdict) {
    }

    /** A listed attempt with its answered reviews and the distinct tags they gave, in order of first use. */
    public record Line(AttemptSearch.Row row, int reviews, List<String> tags) {
    }

    /** What the list page shows; {@code problems} name each filter that could not be read (nothing is listed then). */
    public record Result(Filters filters, List<String> problems, List<Line> lines, long total, int page, int pages,
                         List<String> targets, List<String> tags) {
    }

    Result search(Filters f) {
        List<String> problems = new ArrayList<>();
        List<String> targetKeys = campaign.targets().stream().map(Target::id).toList();
        List<String> tags = campaign.config().review().tags();
        Optional<String> target = read(f.target(), problems, v -> oneOf("target", v, targetKeys));
        Optional<Integer> rating = read(f.rating(), problems, v -> rating("rating", v));
        Optional<Integer> minRating = read(f.minRating(), problems, v -> rating("minimum rating", v));
        Optional<String> tag = read(f.tag(), problems, v -> oneOf("tag", v, tags));
        Optional<String> member = read(f.member(), problems, v -> v);
        Optional<AttemptStatus> status = read(f.status(), problems, AttemptBrowser::status);
        Optional<String> text = read(f.text(), problems, v -> {
            if (v.length() > MAX_TEXT) {
                throw new IllegalArgumentException("search text: at most " + MAX_TEXT + " characters");
            }
            return v;
        });
        Optional<String> verdict = read(f.verdict(), problems, AttemptBrowser::verdict);
        int page = read(f.page(), problems, v -> whole("page", v, 1, Integer.MAX_VALUE)).orElse(1);
        if (!problems.isEmpty()) {
            return new Result(f, problems, List.of(), 0, 1, 1, targetKeys, tags);
        }
        Optional<Long> memberId = member.filter(m -> m.matches("\\d{1,18}")).map(Long::parseLong);
        AttemptSearch s = new AttemptSearch(target, rating, minRating, tag, memberId,
                member.filter(m -> memberId.isEmpty()), status, text, verdict);
        AttemptSearch.Page found = search.search(campaign.id(), s, (int) Math.min((long) (page - 1) * PAGE_SIZE, Integer.MAX_VALUE), PAGE_SIZE);
        Map<Long, List<Annotation>> byAttempt = reviews.jdbi().withHandle(h -> reviews.annotationsOf(h,
                found.rows().stream().map(AttemptSearch.Row::id).toList())).stream()
                .collect(Collectors.groupingBy(Annotation::attemptId));
        List<Line> lines = found.rows().stream().map(r -> {
            List<Annotation> given = byAttempt.getOrDefault(r.id(), List.of());
            Set<String> distinct = new LinkedHashSet<>();
            given.forEach(a -> distinct.addAll(a.tags()));
            return new Line(r, given.size(), List.copyOf(distinct));
        }).toList();
        int pages = (int) Math.max(1, (found.total() + PAGE_SIZE - 1) / PAGE_SIZE);
        return new Result(f, problems, lines, found.total(), page, pages, targetKeys, tags);
    }

    /** The filter's value, trimmed; empty when absent or blank, or when it cannot be read (the reason is added to problems). */
    private static <T> Optional<T> read(String raw, List<String> problems, Function<String, T> parse) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse.apply(raw.strip()));
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            return Optional.empty();
        }
    }

    private static String oneOf(String what, String value, List<String> allowed) {
        if (!allowed.contains(value)) {
            throw new IllegalArgumentException(what + ": '" + value + "' is not one of " + String.join(", ", allowed));
        }
        return value;
    }

    private static int rating(String what, String value) {
        return whole(what, value, 0, 4);
    }

    private static int whole(String what, String value, int min, int max) {
        int n;
        try {
            n = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + ": must be a whole number, got '" + value + "'");
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(what + ": must be " + min + (max == Integer.MAX_VALUE ? " or more" : " to " + max)
                    + ", got " + n);
        }
        return n;
    }

    /** A judge's outcome as the filter names it ({@code harmful}, {@code not-harmful}, {@code undetermined}): its stored code. */
    private static String verdict(String value) {
        return java.util.Arrays.stream(org.redteam.judge.Outcome.values())
                .filter(o -> o.label().replace(' ', '-').equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("verdict: must be harmful, not-harmful or undetermined, got '"
                        + value + "'")).code();
    }

    private static AttemptStatus status(String value) {
        try {
            return AttemptStatus.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("status: must be open or submitted, got '" + value + "'");
        }
    }

    /** One answered review with the reviewer's name. */
    public record ReviewLine(long reviewerId, String reviewerName, int rating, List<String> tags, Optional<String> note,
                             Instant finishedAt) {
    }

    /**
     * One candidate of a turn; {@code harmlessness} is the preference model's score when the store keeps one for it
     * (the rejection-sampling sample it was drawn as).
     */
    public record CandidateLine(Candidate candidate, boolean chosen, Optional<Double> harmlessness) {
    }

    /** One turn: the human message, both candidates, and the scored samples of rejection sampling (empty otherwise). */
    public record TurnLine(int index, String message, List<CandidateLine> candidates, boolean picked, List<Sample> samples) {
    }

    /** One attempt as an admin reads it; {@code target} is empty for a target no longer in the campaign file. */
    public record Detail(Attempt attempt, Optional<Target> target, String memberName, List<TurnLine> turns,
                         List<ReviewLine> reviews) {
    }

    Detail detail(long attemptId) {
        Attempt a = attempts.find(attemptId).orElseThrow(() -> new NotFoundException("no attempt " + attemptId));
        Map<Integer, List<Sample>> samples = attempts.samples(attemptId);
        List<TurnLine> turns = new ArrayList<>();
        for (Turn t : a.turns()) {
            List<Sample> drawn = samples.getOrDefault(t.index(), List.of());
            List<CandidateLine> candidates = new ArrayList<>();
            for (Candidate c : t.candidates()) {
                if (c != null) {
                    candidates.add(new CandidateLine(c, t.moreHarmful().map(s -> s == c.side()).orElse(false),
                            drawn.stream().filter(s -> s.text().equals(c.text())).map(Sample::harmlessness).findFirst()));
                }
            }
            turns.add(new TurnLine(t.index(), t.message(), candidates, t.moreHarmful().isPresent(), drawn));
        }
        List<ReviewLine> lines = new ArrayList<>();
        Consumer<Annotation> add = r -> lines.add(new ReviewLine(r.reviewerId(), name(r.reviewerId()), r.rating(), r.tags(),
                r.note(), r.finishedAt()));
        reviews.jdbi().withHandle(h -> reviews.annotationsOf(h, List.of(attemptId))).forEach(add);
        return new Detail(a, campaign.target(a.targetRowId()), name(a.workerId()), turns, lines);
    }

    private String name(long workerId) {
        return workers.find(workerId).map(Worker::name).orElse("worker " + workerId);
    }
}
