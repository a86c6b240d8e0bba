package org.redteam.analysis.map;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Names clusters by their most distinctive terms with class-based TF-IDF (c-TF-IDF, as in BERTopic):
 * for term t and cluster c, {@code weight = tf(t, c) / words(c) × ln(1 + A / f(t))}, where tf(t, c) is
 * the number of the cluster's texts that contain t, words(c) the cluster's total of such counts,
 * f(t) the number of texts of all clusters that contain t, and A the mean of words(c) over clusters.
 * A term counts once per text, so one text that repeats a word cannot name its cluster. Ties go to
 * the alphabetically first term.
 */
final class ClusterTerms {
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern POSSESSIVE = Pattern.compile("'s\\b");

    private ClusterTerms() {
    }

    /** Up to {@code top} terms for each of the {@code k} clusters, best first. */
    static List<List<String>> top(List<String> texts, int[] cluster, int k, int top) {
        List<Map<String, Integer>> tf = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            tf.add(new HashMap<>());
        }
        Map<String, Integer> f = new HashMap<>();
        long[] words = new long[k];
        for (int i = 0; i < texts.size(); i++) {
            for (String term : terms(texts.get(i))) {
                tf.get(cluster[i]).merge(term, 1, Integer::sum);
                f.merge(term, 1, Integer::sum);
                words[cluster[i]]++;
            }
        }
        double mean = 0;
        for (long w : words) {
            mean += (double) w / k;
        }
        List<List<String>> names = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            long total = words[c];
            double a = mean;
            names.add(tf.get(c).entrySet().stream()
                    .sorted((x, y) -> {
                        int byWeight = Double.compare(weight(y.getValue(), total, a, f.get(y.getKey())),
                                weight(x.getValue(), total, a, f.get(x.getKey())));
                        return byWeight != 0 ? byWeight : x.getKey().compareTo(y.getKey());
                    })
                    .limit(top).map(Map.Entry::getKey).toList());
        }
        return names;
    }

    static double weight(int tf, long words, double meanWords, int f) {
        return (double) tf / words * Math.log(1 + meanWords / f);
    }

    /** The distinct terms of a text: lower case, letters and digits, possessives and apostrophes dropped, no stop words. */
    static Set<String> terms(String text) {
        String lower = text.toLowerCase(Locale.ROOT).replace('\u2019', '\'');
        String plain = POSSESSIVE.matcher(lower).replaceAll("").replace("'", "");
        Set<String> terms = new LinkedHashSet<>();
        for (String word : NON_WORD.split(plain)) {
            if (word.length() >= 3 && !StopWords.contains(word) && !word.chars().allMatch(Character::isDigit)) {
                terms.add(word);
            }
        }
        return terms;
    }
}
