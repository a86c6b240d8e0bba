package org.redteam.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Template attacks: near-duplicate first human turns written by different red team members. Each first turn is
 * normalised (lower case, every character that is not a letter or digit becomes a space, runs of spaces
 * collapse) and cut into 3-word shingles; turns of fewer than {@value #MIN_WORDS} words are left out (short
 * greetings coincide by chance). Identical normalised turns are one text. Each text gets a MinHash signature
 * ({@value MinHash#HASHES} fixed-seed hash functions); locality-sensitive hashing in {@value MinHash#BANDS}
 * bands of {@value MinHash#ROWS} rows proposes pairs, and a pair whose estimated Jaccard similarity of shingle
 * sets is at least {@value #SIMILARITY} is joined (union-find, so families are connected components). A family
 * is kept when at least two different members wrote its attempts. Deterministic: fixed hash seeds, texts in
 * order of first appearance.
 */
public final class TemplateFamilies {
    static final int MIN_WORDS = 5;
    /** The method in one sentence, for summary.json and the report. */
    public static final String METHOD = "first human turns, lower-cased with punctuation removed, of at least 5 words; "
            + "MinHash of 3-word shingles (128 fixed-seed hash functions), LSH in 32 bands of 4 rows, pairs joined when the "
            + "estimated Jaccard similarity is at least 0.6, families = connected components; kept when written by at "
            + "least 2 different red team members";
    static final double SIMILARITY = 0.6;
    /** Characters of the representative text kept in reports. */
    static final int REPRESENTATIVE_CHARS = 300;

    /**
     * A family: its attempts, the distinct members who wrote them, its distinct normalised texts, and a
     * representative: the original first turn of its most frequent text (cut to 300 characters, "…" added).
     */
    public record Family(int attempts, int members, int texts, String representative) {
    }

    /** All families with members from ≥ 2 red teamers, largest first (attempts, then members, then text). */
    public record Result(List<Family> families, int candidates, int distinctTexts) {
        public Result {
            families = List.copyOf(families);
        }

        public List<Family> top(int k) {
            return families.subList(0, Math.min(k, families.size()));
        }
    }

    private TemplateFamilies() {
    }

    /** The first human utterance of a "\n\nHuman: …\n\nAssistant: …" transcript, stripped; "" when there is none. */
    public static String firstHumanTurn(String transcript) {
        int marker = transcript.indexOf("Human:");
        if (marker < 0) {
            return "";
        }
        int start = marker + "Human:".length();
        int end = transcript.length();
        int assistant = transcript.indexOf("\n\nAssistant:", start);
        if (assistant >= 0) {
            end = assistant;
        }
        int human = transcript.indexOf("\n\nHuman:", start);
        if (human >= 0 && human < end) {
            end = human;
        }
        return transcript.substring(start, end).strip();
    }

    /** Lower case, letters and digits only, single spaces. */
    static String normalise(String text) {
        StringBuilder s = new StringBuilder(text.length());
        boolean space = true;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isLetterOrDigit(c)) {
                s.appendCodePoint(Character.toLowerCase(c));
                space = false;
            } else if (!space) {
                s.append(' ');
                space = true;
            }
        }
        int end = s.length();
        return end > 0 && s.charAt(end - 1) == ' ' ? s.substring(0, end - 1) : s.toString();
    }

    private static int words(String normalised) {
        if (normalised.isEmpty()) {
            return 0;
        }
        int words = 1;
        for (int i = 0; i < normalised.length(); i++) {
            if (normalised.charAt(i) == ' ') {
                words++;
            }
        }
        return words;
    }

    static Result find(Attacks attacks) {
        String[] normalised = IntStream.range(0, attacks.size()).parallel()
                .mapToObj(i -> normalise(attacks.firstTurn(i))).toArray(String[]::new);
        Map<String, Integer> textIndex = new HashMap<>();
        List<String> texts = new ArrayList<>();
        List<String> originals = new ArrayList<>();
        int[] textOf = new int[attacks.size()];
        for (int i = 0; i < attacks.size(); i++) {
            if (words(normalised[i]) < MIN_WORDS) {
                textOf[i] = -1;
                continue;
            }
            Integer known = textIndex.putIfAbsent(normalised[i], texts.size());
            if (known == null) {
                texts.add(normalised[i]);
                originals.add(attacks.firstTurn(i));
            }
            textOf[i] = known == null ? texts.size() - 1 : known;
        }
        int[][] signatures = IntStream.range(0, texts.size()).parallel()
                .mapToObj(t -> MinHash.signature(texts.get(t))).toArray(int[][]::new);
        int[] root = MinHash.join(signatures, SIMILARITY);
        return new Result(families(attacks, textOf, root, originals), (int) Arrays.stream(textOf).filter(t -> t >= 0).count(),
                texts.size());
    }

    /**
     * The same near-duplicate grouping over any texts, without the two-member rule (replay suites may not know their
     * red teamers; {@code suite create --dedupe-templates} keeps one attack per family): for text {@code i} its family number, numbered 0, 1, … in order of first appearance, or −1 when
     * it has fewer than {@value #MIN_WORDS} words. A text alone in its family still gets a number.
     */
    public static int[] familyOf(List<String> texts) {
        String[] normalised = texts.stream().map(TemplateFamilies::normalise).toArray(String[]::new);
        Map<String, Integer> textIndex = new HashMap<>();
        List<String> distinct = new ArrayList<>();
        int[] textOf = new int[normalised.length];
        for (int i = 0; i < normalised.length; i++) {
            if (words(normalised[i]) < MIN_WORDS) {
                textOf[i] = -1;
                continue;
            }
            Integer known = textIndex.putIfAbsent(normalised[i], distinct.size());
            if (known == null) {
                distinct.add(normalised[i]);
            }
            textOf[i] = known == null ? distinct.size() - 1 : known;
        }
        int[] root = MinHash.join(distinct.stream().map(MinHash::signature).toArray(int[][]::new), SIMILARITY);
        Map<Integer, Integer> number = new HashMap<>();
        int[] family = new int[textOf.length];
        for (int i = 0; i < textOf.length; i++) {
            family[i] = textOf[i] < 0 ? -1 : number.computeIfAbsent(root[textOf[i]], r -> number.size());
        }
        return family;
    }

    private static List<Family> families(Attacks attacks, int[] textOf, int[] root, List<String> originals) {
        Map<Integer, Builder> byRoot = new HashMap<>();
        for (int i = 0; i < textOf.length; i++) {
            if (textOf[i] >= 0) {
                byRoot.computeIfAbsent(root[textOf[i]], r -> new Builder()).add(textOf[i], attacks.member(i));
            }
        }
        List<Family> families = new ArrayList<>();
        for (Builder b : byRoot.values()) {
            if (b.members.cardinality() >= 2) {
                families.add(b.family(originals));
            }
        }
        families.sort(Comparator.comparingInt(Family::attempts).reversed()
                .thenComparing(Comparator.comparingInt(Family::members).reversed())
                .thenComparing(Family::representative));
        return families;
    }

    /** Collects one family's attempts. */
    private static final class Builder {
        final BitSet members = new BitSet();
        final Map<Integer, Integer> attemptsPerText = new HashMap<>();
        int attempts;

        void add(int text, int member) {
            attempts++;
            members.set(member);
            attemptsPerText.merge(text, 1, Integer::sum);
        }

        Family family(List<String> originals) {
            int best = attemptsPerText.entrySet().stream()
                    .max(Map.Entry.<Integer, Integer>comparingByValue().thenComparing(e -> -e.getKey()))
                    .orElseThrow().getKey();
            return new Family(attempts, members.cardinality(), attemptsPerText.size(), cut(originals.get(best)));
        }
    }

    /** The text cut to {@value #REPRESENTATIVE_CHARS} characters, "…" added when cut. */
    public static String cut(String text) {
        if (text.length() <= REPRESENTATIVE_CHARS) {
            return text;
        }
        int end = REPRESENTATIVE_CHARS;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }
}
