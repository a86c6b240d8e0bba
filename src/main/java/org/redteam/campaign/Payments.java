package org.redteam.campaign;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.redteam.config.PaySettings;

/**
 * Pay and time on task of one campaign's crowd: records the pages' activity pings and computes, per worker, sets
 * done, minutes on task ({@link TimeOnTask}) and the amount owed ({@link PaySettings#amount}). Thread-safe.
 */
public final class Payments {
    /**
     * Pings of one worker closer together than this are not written: the page pings every 30 s, so this only drops
     * pings from extra tabs or a replaying client, and bounds the writes one session can cause.
     */
    static final Duration MIN_PING_GAP = Duration.ofSeconds(15);

    private final PayRepository repository;
    private final long campaignId;
    private final PaySettings pay;
    private final Clock clock;
    private final Map<Long, Instant> lastPing = new ConcurrentHashMap<>();

    public Payments(PayRepository repository, long campaignId, PaySettings pay, Clock clock) {
        this.repository = repository;
        this.campaignId = campaignId;
        this.pay = pay;
        this.clock = clock;
    }

    /** The store's campaign named {@code campaignName}, paid as {@code pay} says (the {@code export} command). */
    public static Payments of(PayRepository repository, String campaignName, PaySettings pay, Clock clock) {
        long id = repository.jdbi().withHandle(h -> repository.campaignId(h, campaignName)).orElseThrow(() ->
                new org.redteam.problem.NotFoundException("the store has no campaign named '" + campaignName
                        + "' (the name: of the campaign file)"));
        return new Payments(repository, id, pay, clock);
    }

    public PaySettings pay() {
        return pay;
    }

    /** The stored campaign's id. */
    public long campaignId() {
        return campaignId;
    }

    /**
     * The worker's page was in use now. Returns true when the ping was written; false when it came within
     * {@link #MIN_PING_GAP} of the worker's last written one (the time is then already counted to within that gap).
     */
    public boolean ping(long workerId) {
        Instant now = clock.instant();
        boolean[] write = {false};
        lastPing.compute(workerId, (id, last) -> {
            if (last != null && !now.isBefore(last) && Duration.between(last, now).compareTo(MIN_PING_GAP) < 0) {
                return last;
            }
            write[0] = true;
            return now;
        });
        if (!write[0]) {
            return false;
        }
        repository.ping(campaignId, workerId, now);
        return true;
    }

    /** One worker's line: sets finished, minutes on task, the amount owed for them. */
    public record WorkerPay(long workerId, String name, Optional<String> externalId, long sets, long minutes, BigDecimal amount) {
    }

    /** Every worker with a finished set or an activity event in the campaign, by worker id, and the totals. */
    public record Report(PaySettings pay, List<WorkerPay> workers, long sets, long minutes, BigDecimal amount) {
        public Report {
            workers = List.copyOf(workers);
        }
    }

    public Report report() {
        return repository.jdbi().withHandle(h -> {
            Map<Long, TimeOnTask> times = new HashMap<>();
            repository.events(h, campaignId, (worker, at) -> times.computeIfAbsent(worker, w -> new TimeOnTask()).add(at));
            Map<Long, Long> sets = repository.setsDone(h, campaignId);
            Map<Long, PayRepository.Who> who = repository.workers(h);
            List<Long> ids = new ArrayList<>(times.keySet());
            sets.keySet().stream().filter(id -> !times.containsKey(id)).forEach(ids::add);
            ids.sort(Comparator.naturalOrder());
            List<WorkerPay> rows = new ArrayList<>();
            long totalSets = 0;
            long totalMinutes = 0;
            BigDecimal total = BigDecimal.ZERO.setScale(2);
            for (long id : ids) {
                long done = sets.getOrDefault(id, 0L);
                long minutes = TimeOnTask.minutes(times.containsKey(id) ? times.get(id).total() : Duration.ZERO);
                BigDecimal amount = pay.amount(done, minutes);
                PayRepository.Who w = who.get(id);
                rows.add(new WorkerPay(id, w.name(), w.externalId(), done, minutes, amount));
                totalSets += done;
                totalMinutes += minutes;
                total = total.add(amount);
            }
            return new Report(pay, rows, totalSets, totalMinutes, total);
        });
    }
}
