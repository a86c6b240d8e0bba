package org.redteam.campaign;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.redteam.config.CampaignConfig;

/**
 * What the red teamer's task page shows with {@code coverage: {hints: true}}: the least-covered harm tags and an
 * example topic from an under-covered area. Tags only: never a target or a count (red teamers stay blind to targets).
 *
 * <p>The example topic: for the least-covered tags in order, the first of the campaign's {@code example_topics}, then
 * of the {@code risk_topics} the red teamer chose, that matches the tag; else the least-covered tag itself (tags have
 * no description of their own). A topic matches a tag when they
 * share a word of at least 4 letters, compared without case and without a final "s" ("Weapons" matches "a weapon").
 *
 * @param tags         the least-covered harm tags, fewest first
 * @param exampleTopic a topic from the under-covered area
 */
public record CoverageHint(List<String> tags, String exampleTopic) {
    /** How many tags the hint names. */
    public static final int TAGS = 3;

    public CoverageHint {
        tags = List.copyOf(tags);
    }

    /**
     * The hint for a red teamer who consented to {@code consented}: a tag that is one of the campaign's risk topics
     * is left out unless they chose it (a hint never steers anyone towards a topic they declined). Empty when no tag
     * is left.
     */
    static Optional<CoverageHint> of(Coverage coverage, CampaignConfig config, List<String> consented) {
        List<String> offered = coverage.leastCoveredTags(coverage.tags().size()).stream()
                .filter(t -> !config.riskTopics().contains(t) || consented.contains(t))
                .limit(TAGS).toList();
        if (offered.isEmpty()) {
            return Optional.empty();
        }
        List<String> topics = new ArrayList<>(config.exampleTopics());
        topics.addAll(config.riskTopics().stream().filter(consented::contains).toList());
        for (String tag : offered) {
            for (String topic : topics) {
                if (matches(tag, topic)) {
                    return Optional.of(new CoverageHint(offered, topic));
                }
            }
        }
        return Optional.of(new CoverageHint(offered, offered.get(0)));
    }

    static boolean matches(String tag, String topic) {
        Set<String> words = words(tag);
        words.retainAll(words(topic));
        return !words.isEmpty();
    }

    private static Set<String> words(String text) {
        Set<String> words = new HashSet<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}]+")) {
            String stem = w.endsWith("s") ? w.substring(0, w.length() - 1) : w;
            if (stem.length() >= 4) {
                words.add(stem);
            }
        }
        return words;
    }
}
