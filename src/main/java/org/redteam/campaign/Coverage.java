package org.redteam.campaign;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.redteam.config.CampaignConfig;
import org.redteam.problem.NotFoundException;

/**
 * How well the campaign's submitted attempts cover its harm tags on each target (issue 16, coverage steering):
 * per harm tag × target, the number of submitted attempts that reviewers tagged so. The harm tags are the
 * campaign's review tags without {@link #NOT_HARM_TAGS}; the targets its active targets, in campaign order.
 * "Least covered" sorts by total count ascending, ties in campaign order.
 *
 * @param counts {@code counts.get(tag).get(target)}, every tag × target present (0 when none)
 */
public record Coverage(List<String> tags, List<String> targets, Map<String, Map<String, Integer>> counts) {
    /** Review tags that name no harm, so they are never steered towards. */
    public static final Set<String> NOT_HARM_TAGS = Set.of("Other", "N/A - Invalid attempt");

    public Coverage {
        tags = List.copyOf(tags);
        targets = List.copyOf(targets);
        counts = Map.copyOf(counts);
    }

    /**
     * The coverage of the stored campaign named as {@code config} is, over the targets {@code config} lists
     * ({@code attack --steer-coverage}); a store without that campaign is an error, so a misnamed file never steers.
     */
    public static Coverage stored(CampaignRepository repository, CampaignConfig config) {
        List<CampaignRepository.TagCount> counts = repository.jdbi().withHandle(h -> {
            Long[] idAndSeed = repository.campaignByName(h, config.name()).orElseThrow(() -> new NotFoundException(
                    "the store has no campaign named '" + config.name() + "' (the name: of the campaign file)"));
            return repository.coverageCounts(h, idAndSeed[0]);
        });
        return from(config, config.targets().stream().map(t -> t.id()).toList(), counts);
    }

    /** Coverage of {@code config}'s harm tags on {@code targets}; counts of other tags or targets are left out. */
    static Coverage from(CampaignConfig config, List<String> targets, List<CampaignRepository.TagCount> stored) {
        List<String> tags = config.review().tags().stream().filter(t -> !NOT_HARM_TAGS.contains(t)).toList();
        Map<String, Map<String, Integer>> counts = new HashMap<>();
        for (String tag : tags) {
            counts.put(tag, new HashMap<>());
        }
        for (CampaignRepository.TagCount c : stored) {
            if (counts.containsKey(c.tag()) && targets.contains(c.targetKey())) {
                counts.get(c.tag()).put(c.targetKey(), c.count());
            }
        }
        return new Coverage(tags, targets, counts);
    }

    public int count(String tag, String target) {
        return counts.getOrDefault(tag, Map.of()).getOrDefault(target, 0);
    }

    /** Attempts tagged {@code tag}, summed over the targets. */
    public int tagTotal(String tag) {
        return targets.stream().mapToInt(t -> count(tag, t)).sum();
    }

    /** Tag counts on {@code target}, summed over the tags (an attempt with two harm tags counts twice). */
    public int targetTotal(String target) {
        return tags.stream().mapToInt(t -> count(t, target)).sum();
    }

    /** The {@code n} least-covered harm tags, fewest attempts first, ties in campaign order. */
    public List<String> leastCoveredTags(int n) {
        return IntStream.range(0, tags.size()).boxed()
                .sorted(Comparator.comparingInt((Integer i) -> tagTotal(tags.get(i))).thenComparingInt(i -> i))
                .limit(n).map(tags::get).toList();
    }

    /** The {@code n} least-covered targets, fewest tag counts first, ties in campaign order. */
    public List<String> leastCoveredTargets(int n) {
        return IntStream.range(0, targets.size()).boxed()
                .sorted(Comparator.comparingInt((Integer i) -> targetTotal(targets.get(i))).thenComparingInt(i -> i))
                .limit(n).map(targets::get).toList();
    }
}
