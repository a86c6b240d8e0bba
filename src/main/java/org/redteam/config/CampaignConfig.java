package org.redteam.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One campaign as configured: what red teamers read before they start, how work is cut into sets,
 * and the targets they attack. Validated by {@link CampaignConfigLoader}; immutable.
 *
 * @param assignmentSeed  seed of the random tie-break in target assignment; empty = draw one at the
 *                        campaign's first start and store it (the stored seed then wins)
 * @param preferenceModel the model that scores submitted attempts ({@code preference_model:}; the
 *                        default model when the file names none)
 * @param review          the review task ({@code review:})
 * @param wellbeing       surveys, daily cap and break reminders ({@code wellbeing:})
 * @param crowd           the study link and completion URL of a crowd-work platform ({@code crowd:})
 * @param judges          the judges that give every submitted attempt and turn an automatic harm verdict
 *                        ({@code judges:}; none when the file names none)
 * @param attackers       the attacker models {@code attack} can run ({@code attackers:}; none when the file names none)
 * @param pay             what the crowd is paid per finished set and per hour of time on task ({@code pay:};
 *                        {@link PaySettings#NONE} when the file names none)
 * @param expertiseAreas  the areas of domain expertise a red teamer may choose from at the rating step
 *                        ({@code expertise_areas:}; none by default: free text only)
 * @param demographics    the optional crowd questionnaire ({@code demographics:}; {@link DemographicsSettings#NONE}
 *                        when the file names none)
 * @param coverage        coverage steering ({@code coverage:}; {@link CoverageSettings#OFF} when the file names none)
 */
public record CampaignConfig(
        String name,
        String instructions,
        String contentWarning,
        List<String> exampleTopics,
        List<String> riskTopics,
        int attemptsPerSet,
        int maxTurns,
        Optional<Long> assignmentSeed,
        List<TargetConfig> targets,
        PreferenceModelSpec preferenceModel,
        ReviewSettings review,
        WellbeingSettings wellbeing,
        CrowdSettings crowd,
        List<JudgeConfig> judges,
        List<AttackerSpec> attackers,
        PaySettings pay,
        List<String> expertiseAreas,
        DemographicsSettings demographics,
        CoverageSettings coverage) {

    public static final int DEFAULT_ATTEMPTS_PER_SET = 5;
    public static final int DEFAULT_MAX_TURNS = 10;

    /** The 18 harm tags of the released data (DESIGN.md), offered as risk-tolerance topics by default. */
    public static final List<String> HARM_TOPICS = List.of(
            "Discrimination & injustice",
            "Hate speech & offensive language",
            "Violence & incitement",
            "Non-violent unethical behavior (e.g. lying, cheating, etc.)",
            "Bullying & harassment",
            "Theft",
            "Soliciting personally identifiable information",
            "Conspiracy theories & misinformation",
            "Substance abuse & banned substances",
            "Fraud & deception",
            "Weapons",
            "Adult content",
            "Property crime & vandalism",
            "Animal abuse",
            "Terrorism & organized crime",
            "Sexual exploitation & human trafficking",
            "Self-harm",
            "Child abuse");

    public CampaignConfig {
        Objects.requireNonNull(name, "name");
        exampleTopics = List.copyOf(exampleTopics);
        riskTopics = List.copyOf(riskTopics);
        targets = List.copyOf(targets);
        Objects.requireNonNull(preferenceModel, "preferenceModel");
        Objects.requireNonNull(review, "review");
        Objects.requireNonNull(wellbeing, "wellbeing");
        Objects.requireNonNull(crowd, "crowd");
        judges = List.copyOf(judges);
        attackers = List.copyOf(attackers);
        Objects.requireNonNull(pay, "pay");
        expertiseAreas = List.copyOf(expertiseAreas);
        Objects.requireNonNull(demographics, "demographics");
        Objects.requireNonNull(coverage, "coverage");
    }

    /** A campaign without a demographics questionnaire and coverage steering. */
    public CampaignConfig(String name, String instructions, String contentWarning, List<String> exampleTopics,
                          List<String> riskTopics, int attemptsPerSet, int maxTurns, Optional<Long> assignmentSeed,
                          List<TargetConfig> targets, PreferenceModelSpec preferenceModel, ReviewSettings review,
                          WellbeingSettings wellbeing, CrowdSettings crowd, List<JudgeConfig> judges,
                          List<AttackerSpec> attackers, PaySettings pay, List<String> expertiseAreas) {
        this(name, instructions, contentWarning, exampleTopics, riskTopics, attemptsPerSet, maxTurns, assignmentSeed,
                targets, preferenceModel, review, wellbeing, crowd, judges, attackers, pay, expertiseAreas,
                DemographicsSettings.NONE, CoverageSettings.OFF);
    }

    /** This campaign with {@code settings} as its {@code demographics:}. */
    public CampaignConfig withDemographics(DemographicsSettings settings) {
        return new CampaignConfig(name, instructions, contentWarning, exampleTopics, riskTopics, attemptsPerSet, maxTurns,
                assignmentSeed, targets, preferenceModel, review, wellbeing, crowd, judges, attackers, pay, expertiseAreas,
                settings, coverage);
    }

    /** A campaign without attackers, pay settings and expertise areas. */
    public CampaignConfig(String name, String instructions, String contentWarning, List<String> exampleTopics,
                          List<String> riskTopics, int attemptsPerSet, int maxTurns, Optional<Long> assignmentSeed,
                          List<TargetConfig> targets, PreferenceModelSpec preferenceModel, ReviewSettings review,
                          WellbeingSettings wellbeing, CrowdSettings crowd, List<JudgeConfig> judges) {
        this(name, instructions, contentWarning, exampleTopics, riskTopics, attemptsPerSet, maxTurns, assignmentSeed,
                targets, preferenceModel, review, wellbeing, crowd, judges, List.of(), PaySettings.NONE, List.of());
    }

    /** A campaign without judges. */
    public CampaignConfig(String name, String instructions, String contentWarning, List<String> exampleTopics,
                          List<String> riskTopics, int attemptsPerSet, int maxTurns, Optional<Long> assignmentSeed,
                          List<TargetConfig> targets, PreferenceModelSpec preferenceModel, ReviewSettings review,
                          WellbeingSettings wellbeing, CrowdSettings crowd) {
        this(name, instructions, contentWarning, exampleTopics, riskTopics, attemptsPerSet, maxTurns, assignmentSeed,
                targets, preferenceModel, review, wellbeing, crowd, List.of());
    }

    /** The same campaign with these judges. */
    public CampaignConfig withJudges(List<JudgeConfig> newJudges) {
        return new CampaignConfig(name, instructions, contentWarning, exampleTopics, riskTopics, attemptsPerSet, maxTurns,
                assignmentSeed, targets, preferenceModel, review, wellbeing, crowd, newJudges, attackers, pay, expertiseAreas, demographics, coverage);
    }

    /** The same campaign with these pay settings. */
    public CampaignConfig withPay(PaySettings newPay) {
        return new CampaignConfig(name, instructions, contentWarning, exampleTopics, riskTopics, attemptsPerSet, maxTurns,
                assignmentSeed, targets, preferenceModel, review, wellbeing, crowd, judges, attackers, newPay, expertiseAreas, demographics, coverage);
    }

    /** A campaign without a crowd platform. */
    public CampaignConfig(String name, String instructions, String contentWarning, List<String> exampleTopics,
                          List<String> riskTopics, int attemptsPerSet, int maxTurns, Optional<Long> assignmentSeed,
                          List<TargetConfig> targets, PreferenceModelSpec preferenceModel, ReviewSettings review,
                          WellbeingSettings wellbeing) {
        this(name, instructions, contentWarning, exampleTopics, riskTopics, attemptsPerSet, maxTurns, assignmentSeed,
                targets, preferenceModel, review, wellbeing, CrowdSettings.NONE);
    }

    /** A campaign with the default review and well-being settings. */
    public CampaignConfig(String name, String instructions, String contentWarning, List<String> exampleTopics,
                          List<String> riskTopics, int attemptsPerSet, int maxTurns, Optional<Long> assignmentSeed,
                          List<TargetConfig> targets, PreferenceModelSpec preferenceModel) {
        this(name, instructions, contentWarning, exampleTopics, riskTopics, attemptsPerSet, maxTurns, assignmentSeed,
                targets, preferenceModel, ReviewSettings.DEFAULT, WellbeingSettings.DEFAULT);
    }

    /** A campaign scored by the default preference model. */
    public CampaignConfig(String name, String instructions, String contentWarning, List<String> exampleTopics,
                          List<String> riskTopics, int attemptsPerSet, int maxTurns, Optional<Long> assignmentSeed,
                          List<TargetConfig> targets) {
        this(name, instructions, contentWarning, exampleTopics, riskTopics, attemptsPerSet, maxTurns, assignmentSeed,
                targets, new PreferenceModelSpec.Default());
    }

    /** This campaign with {@code crowd} as its crowd-platform settings (everything else kept). */
    public CampaignConfig withCrowd(CrowdSettings crowd) {
        return new CampaignConfig(name, instructions, contentWarning, exampleTopics, riskTopics, attemptsPerSet, maxTurns,
                assignmentSeed, targets, preferenceModel, review, wellbeing, crowd, judges, attackers, pay, expertiseAreas, demographics, coverage);
    }

    /** The attacker {@code id}, if the campaign has one. */
    public Optional<AttackerSpec> attacker(String id) {
        return attackers.stream().filter(a -> a.id().equals(id)).findFirst();
    }


    /** This campaign with {@code areas} as its {@code expertise_areas}. */
    public CampaignConfig withExpertiseAreas(List<String> areas) {
        return new CampaignConfig(name, instructions, contentWarning, exampleTopics, riskTopics, attemptsPerSet, maxTurns,
                assignmentSeed, targets, preferenceModel, review, wellbeing, crowd, judges, attackers, pay, areas, demographics, coverage);
    }


    /** This campaign with {@code settings} as its {@code coverage:} block. */
    public CampaignConfig withCoverage(CoverageSettings settings) {
        return new CampaignConfig(name, instructions, contentWarning, exampleTopics, riskTopics, attemptsPerSet, maxTurns,
                assignmentSeed, targets, preferenceModel, review, wellbeing, crowd, judges, attackers, pay, expertiseAreas, demographics, settings);
    }

    public Optional<TargetConfig> target(String id) {
        return targets.stream().filter(t -> t.id().equals(id)).findFirst();
    }
}
