package org.redteam.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Reads a campaign YAML file into a {@link CampaignConfig}. Every problem is reported with the file
 * and the key path ({@code campaign.yaml: targets[1].size: required}); all problems of a file are
 * reported at once. Unknown keys are errors, so a misspelt key never silently falls back to a default.
 */
public final class CampaignConfigLoader {

    static final int MAX_ATTEMPTS_PER_SET = 100;
    static final int MAX_TURNS_LIMIT = 100;
    private static final Set<String> CAMPAIGN_KEYS = Set.of("name", "instructions", "content_warning",
            "example_topics", "risk_topics", "attempts_per_set", "max_turns", "assignment_seed", "targets",
            "preference_model", "review", "wellbeing", "crowd", "judges", "attackers", "pay",
            "expertise_areas", "demographics", "coverage");
    private static final Set<String> TARGET_KEYS = Set.of("id", "model_type", "size", "backend", "interventions");

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    private final PreferenceModelConfig preferenceModels;
    private final BackendConfig backends;
    private final JudgeConfigParser judges;

    public CampaignConfigLoader() {
        this(System::getenv);
    }

    /** @param env reads an environment variable (null when unset), to check that named API keys are set */
    CampaignConfigLoader(UnaryOperator<String> env) {
        this.preferenceModels = new PreferenceModelConfig(env);
        this.backends = new BackendConfig(env);
        this.judges = new JudgeConfigParser(backends);
    }

    public CampaignConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read the campaign file: " + e.getMessage(), e);
        }
        return parse(file.getFileName().toString(), text);
    }

    /** Parses YAML text; {@code source} names the file in error messages. */
    public CampaignConfig parse(String source, String text) {
        JsonNode root;
        try {
            root = yaml.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ConfigException(source + ": not valid YAML at line " + e.getLocation().getLineNr()
                    + ": " + e.getOriginalMessage(), e);
        }
        Errors errors = new Errors(source);
        if (root == null || !root.isObject()) {
            throw new ConfigException(source + ": the campaign file must be a YAML mapping of keys such as name: and targets:");
        }
        CampaignConfig config = campaign(new Node(root, "", errors));
        errors.throwIfAny();
        return config;
    }

    private CampaignConfig campaign(Node root) {
        root.onlyKeys(CAMPAIGN_KEYS);
        String name = root.requiredText("name");
        String instructions = root.optionalText("instructions").orElse(DemoCampaign.INSTRUCTIONS);
        String warning = root.optionalText("content_warning").orElse(DemoCampaign.CONTENT_WARNING);
        List<String> examples = root.textList("example_topics").orElse(DemoCampaign.EXAMPLE_TOPICS);
        List<String> risk = root.textList("risk_topics").orElse(CampaignConfig.HARM_TOPICS);
        if (risk.isEmpty()) {
            root.error("risk_topics", "must list at least one topic");
        }
        int perSet = root.intInRange("attempts_per_set", 1, MAX_ATTEMPTS_PER_SET)
                .orElse(CampaignConfig.DEFAULT_ATTEMPTS_PER_SET);
        int maxTurns = root.intInRange("max_turns", 1, MAX_TURNS_LIMIT).orElse(CampaignConfig.DEFAULT_MAX_TURNS);
        Optional<Long> seed = root.optionalLong("assignment_seed");
        List<TargetConfig> targets = new ArrayList<>();
        Optional<List<Node>> targetNodes = root.list("targets");
        if (targetNodes.isEmpty()) {
            root.error("targets", "required: list at least one target");
        } else if (targetNodes.get().isEmpty()) {
            root.error("targets", "must list at least one target");
        } else {
            Set<String> ids = new HashSet<>();
            for (Node t : targetNodes.get()) {
                TargetConfig target = target(t);
                if (target != null && !ids.add(target.id())) {
                    t.error("id", "duplicate target id '" + target.id() + "'");
                }
                if (target != null) {
                    targets.add(target);
                }
            }
        }
        PreferenceModelSpec preferenceModel = root.child("preference_model").map(preferenceModels::parse)
                .orElseGet(PreferenceModelSpec.Default::new);
        ReviewSettings review = root.child("review").map(CampaignConfigLoader::review).orElse(ReviewSettings.DEFAULT);
        WellbeingSettings wellbeing = root.child("wellbeing").map(CampaignConfigLoader::wellbeing)
                .orElse(WellbeingSettings.DEFAULT);
        CrowdSettings crowd = root.child("crowd").map(CrowdConfig::parse).orElse(CrowdSettings.NONE);
        List<JudgeConfig> judgeList = root.list("judges").map(judges::parse).orElse(List.of());
        List<AttackerSpec> attackers = root.list("attackers").map(a -> AttackerConfig.parse(a, backends)).orElse(List.of());
        PaySettings pay = root.child("pay").map(PayConfig::parse).orElse(PaySettings.NONE);
        List<String> expertise = ExpertiseConfig.parse(root);
        DemographicsSettings demographics = root.child("demographics").map(DemographicsConfig::parse)
                .orElse(DemographicsSettings.NONE);
        CoverageSettings coverage = root.child("coverage").map(CoverageConfig::parse).orElse(CoverageSettings.OFF);
        return new CampaignConfig(name == null ? "" : name, instructions, warning, examples, risk, perSet,
                maxTurns, seed, targets, preferenceModel, review, wellbeing, crowd, judgeList, attackers, pay, expertise,
                demographics, coverage);
    }

    private static ReviewSettings review(Node r) {
        if (!r.isObject()) {
            r.error("", "must be a mapping such as {per_attempt: 3}");
            return ReviewSettings.DEFAULT;
        }
        r.onlyKeys(Set.of("per_attempt", "tags", "claim_minutes"));
        int perAttempt = r.intInRange("per_attempt", 1, ReviewSettings.MAX_PER_ATTEMPT).orElse(ReviewSettings.DEFAULT_PER_ATTEMPT);
        List<String> tags = r.textList("tags").orElse(ReviewSettings.PAPER_TAGS);
        if (tags.isEmpty()) {
            r.error("tags", "must list at least one tag");
        }
        Set<String> seen = new HashSet<>();
        for (String tag : tags) {
            if (!seen.add(tag)) {
                r.error("tags", "duplicate tag '" + tag + "'");
            }
            if (tag.isBlank() || tag.length() > 200) {
                r.error("tags", "each tag must be 1–200 characters, got '" + tag + "'");
            }
            if (tag.contains("|")) {
                r.error("tags", "a tag must not contain '|' (the reviews export joins a review's tags with it), got '" + tag + "'");
            }
        }
        int claim = r.intInRange("claim_minutes", 1, 7 * 24 * 60).orElse(ReviewSettings.DEFAULT_CLAIM_MINUTES);
        return new ReviewSettings(perAttempt, tags, claim);
    }

    private static WellbeingSettings wellbeing(Node w) {
        if (!w.isObject()) {
            w.error("", "must be a mapping such as {survey_every: 10, daily_cap: 100, break_after_minutes: 60}");
            return WellbeingSettings.DEFAULT;
        }
        w.onlyKeys(Set.of("survey_every", "daily_cap", "break_after_minutes", "min_group"));
        int every = w.intInRange("survey_every", 1, 1000).orElse(WellbeingSettings.DEFAULT_SURVEY_EVERY);
        int cap = w.intInRange("daily_cap", 0, 100_000).orElse(WellbeingSettings.DEFAULT_DAILY_CAP);
        int breakAfter = w.intInRange("break_after_minutes", 0, 24 * 60).orElse(WellbeingSettings.DEFAULT_BREAK_AFTER_MINUTES);
        int minGroup = w.intInRange("min_group", 2, 1000).orElse(WellbeingSettings.DEFAULT_MIN_GROUP);
        return new WellbeingSettings(every, cap == 0 ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(cap), breakAfter,
                minGroup);
    }

    private TargetConfig target(Node t) {
        if (!t.isObject()) {
            t.error("", "each target must be a mapping with id, model_type, size and backend");
            return null;
        }
        t.onlyKeys(TARGET_KEYS);
        String id = t.requiredText("id");
        if (id != null && !id.matches("[A-Za-z0-9._-]{1,64}")) {
            t.error("id", "'" + id + "' must be 1–64 letters, digits, '.', '_' or '-'");
        }
        String modelType = t.requiredText("model_type");
        String size = t.requiredText("size");
        BackendSpec backend = t.child("backend").map(this::backend).orElse(null);
        if (backend == null && !t.has("backend")) {
            t.error("backend", "required, e.g. backend: {kind: demo}");
        }
        List<InterventionSpec> interventions = new ArrayList<>();
        t.list("interventions").ifPresent(list -> list.forEach(i -> intervention(i).ifPresent(interventions::add)));
        if (id == null || modelType == null || size == null || backend == null) {
            return null;
        }
        return new TargetConfig(id, modelType, size, backend, interventions);
    }

    private Optional<InterventionSpec> intervention(Node i) {
        if (!i.isObject()) {
            i.error("", "each intervention must be a mapping such as {kind: hhh-prompt}");
            return Optional.empty();
        }
        String kind = i.requiredText("kind");
        if (kind == null) {
            return Optional.empty();
        }
        switch (kind) {
            case InterventionSpec.OneShotPrompt.KIND:
                i.onlyKeys(Set.of("kind"));
                return Optional.of(new InterventionSpec.OneShotPrompt());
            case InterventionSpec.HhhPrompt.KIND:
                i.onlyKeys(Set.of("kind", "prompt_file"));
                Optional<java.nio.file.Path> file = i.optionalText("prompt_file").map(java.nio.file.Path::of);
                file.filter(f -> !java.nio.file.Files.isRegularFile(f))
                        .ifPresent(f -> i.error("prompt_file", "no such file: " + f));
                return Optional.of(new InterventionSpec.HhhPrompt(file));
            case InterventionSpec.RejectionSampling.KIND:
                i.onlyKeys(Set.of("kind", "samples", "keep"));
                int samples = i.intInRange("samples", 2, 64).orElse(InterventionSpec.RejectionSampling.DEFAULT_SAMPLES);
                int keep = i.intInRange("keep", 1, 64).orElse(InterventionSpec.RejectionSampling.DEFAULT_KEEP);
                if (keep != InterventionSpec.RejectionSampling.DEFAULT_KEEP) {
                    i.error("keep", "must be 2: every turn shows the red teamer two candidates");
                }
                return Optional.of(new InterventionSpec.RejectionSampling(samples, keep));
            default:
                i.error("kind", "unknown intervention '" + kind + "' (known: " + InterventionSpec.OneShotPrompt.KIND + ", "
                        + InterventionSpec.HhhPrompt.KIND + ", " + InterventionSpec.RejectionSampling.KIND + ")");
                return Optional.empty();
        }
    }

    private BackendSpec backend(Node b) {
        return backends.parse(b);
    }

    /** Collects problems; thrown together so a user fixes a file in one pass. */
    static final class Errors {
        private final String source;
        private final List<String> messages = new ArrayList<>();

        Errors(String source) {
            this.source = source;
        }

        void add(String path, String message) {
            messages.add(source + ": " + (path.isEmpty() ? "" : path + ": ") + message);
        }

        void throwIfAny() {
            if (!messages.isEmpty()) {
                throw new ConfigException(String.join("\n", messages));
            }
        }
    }
}
