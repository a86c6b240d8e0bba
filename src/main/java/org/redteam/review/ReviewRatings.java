package org.redteam.review;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.redteam.agreement.Ratings;
import org.redteam.campaign.CampaignRepository;
import org.redteam.problem.InvalidInputException;
import org.redteam.problem.NotFoundException;

/**
 * A campaign's answered reviews as a ratings table for inter-annotator agreement: unit = the attempt id,
 * rater = {@code reviewer-<worker id>} (the pseudonym of the reviews export), value = the 0–4 rating.
 * Units come in attempt id order, the same table a {@code unit,rater,value} CSV of these rows would give.
 * Skipped and unanswered tasks are not ratings. Needs no campaign file: the campaign is picked by name, or
 * is the only one in the store.
 */
public final class ReviewRatings {
    /** The rater id of the attempt's own red teamer, with {@code withRedTeamer}. */
    public static final String RED_TEAMER = "red-teamer";

    private final Jdbi jdbi;
    private final ReviewRepository reviews;
    private final CampaignRepository campaigns;

    public ReviewRatings(ReviewRepository reviews, CampaignRepository campaigns) {
        this.jdbi = reviews.jdbi();
        this.reviews = reviews;
        this.campaigns = campaigns;
    }

    /** The table and where it came from: {@code reviews} answered reviews (red-teamer ratings not counted). */
    public record Table(String campaign, Ratings ratings, int reviews) {
    }

    /**
     * The ratings of the campaign named {@code campaign} (default: the store's only campaign).
     *
     * @param withRedTeamer also the attempt's own rating, as one more rater {@value #RED_TEAMER}, on every
     *                      attempt that has an answered review
     */
    public Table of(Optional<String> campaign, boolean withRedTeamer) {
        return jdbi.withHandle(h -> {
            CampaignRepository.Named chosen = choose(h, campaign);
            List<Annotation> annotations = reviews.annotations(h, chosen.id());
            Ratings.Builder table = Ratings.builder();
            for (Annotation a : annotations) {
                String unit = String.valueOf(a.attemptId());
                if (withRedTeamer && !table.contains(unit, RED_TEAMER)) {
                    table.add(unit, RED_TEAMER, a.redTeamRating());
                }
                table.add(unit, a.reviewer(), a.rating());
            }
            return new Table(chosen.name(), table.build(), annotations.size());
        });
    }

    /** A campaign's answered reviews, each with its rating and tags, in attempt then task order. */
    public record Reviews(String campaign, List<Annotation> annotations) {
        public Reviews {
            annotations = List.copyOf(annotations);
        }
    }

    /** The answered reviews of the campaign named {@code campaign} (default: the store's only campaign). */
    public Reviews reviews(Optional<String> campaign) {
        return jdbi.withHandle(h -> {
            CampaignRepository.Named chosen = choose(h, campaign);
            return new Reviews(chosen.name(), reviews.annotations(h, chosen.id()));
        });
    }

    /** Every answered review in the store, of every campaign, in attempt then task order. */
    public List<Annotation> allReviews() {
        return jdbi.withHandle(h -> reviews.annotations(h, Long.MIN_VALUE, Long.MAX_VALUE));
    }

    private CampaignRepository.Named choose(Handle h, Optional<String> name) {
        List<CampaignRepository.Named> all = campaigns.all(h);
        if (name.isPresent()) {
            return all.stream().filter(c -> c.name().equals(name.get())).findFirst().orElseThrow(() ->
                    new NotFoundException("--campaign: no campaign '" + name.get() + "' in the store; "
                            + (all.isEmpty() ? "it has none" : "it has " + names(all))));
        }
        if (all.isEmpty()) {
            throw new NotFoundException("the store has no campaign, so no reviews");
        }
        if (all.size() > 1) {
            throw new InvalidInputException("the store has " + all.size() + " campaigns; choose one with --campaign NAME: "
                    + names(all));
        }
        return all.get(0);
    }

    private static String names(List<CampaignRepository.Named> all) {
        return all.stream().map(c -> "'" + c.name() + "'").collect(Collectors.joining(", "));
    }
}
