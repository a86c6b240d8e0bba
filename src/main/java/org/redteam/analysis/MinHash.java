package org.redteam.analysis;

import java.util.Arrays;

/**
 * MinHash signatures of 3-word shingle sets and their locality-sensitive join (see {@link TemplateFamilies}).
 * Words hash with 64-bit FNV-1a; a shingle is the order-sensitive mix (SplitMix64's finaliser) of its three word
 * hashes, cut to 32 bits. Hash function j maps a shingle s to a_j·s + b_j mod 2^32 with fixed odd a_j and b_j
 * drawn from SplitMix64: a permutation of the 32-bit values, so the minimum over a set is a min-hash; in 32-bit
 * arithmetic all {@value #HASHES} functions of a shingle are computed together (the JIT vectorises the loop).
 * Two sets agree at a position with probability close to their Jaccard similarity, so the share of equal
 * positions estimates it.
 */
final class MinHash {
    static final int HASHES = 128;
    static final int BANDS = 32;
    static final int ROWS = HASHES / BANDS;
    static final int SHINGLE_WORDS = 3;
    /** A text is compared with at most this many earlier texts of a bucket (a bound on crowded buckets). */
    static final int MAX_COMPARISONS = 100;
    private static final int[] MULTIPLIERS = new int[HASHES];
    private static final int[] ADDENDS = new int[HASHES];

    static {
        long s = 0x5DEECE66DL;
        for (int j = 0; j < HASHES; j++) {
            s += 0x9E3779B97F4A7C15L;
            MULTIPLIERS[j] = (int) mix(s) | 1;
            s += 0x9E3779B97F4A7C15L;
            ADDENDS[j] = (int) mix(s);
        }
    }

    private MinHash() {
    }

    /** The signature of a normalised text: words separated by single spaces, at least 3 of them. */
    static int[] signature(String text) {
        long[] words = wordHashes(text);
        int[] min = new int[HASHES];
        Arrays.fill(min, Integer.MAX_VALUE);
        for (int w = 0; w + SHINGLE_WORDS <= words.length; w++) {
            int shingle = (int) (mix(words[w] ^ Long.rotateLeft(mix(words[w + 1] + 1), 21)
                    ^ Long.rotateLeft(mix(words[w + 2] + 2), 42)) >>> 32);
            for (int j = 0; j < HASHES; j++) {
                min[j] = Math.min(min[j], MULTIPLIERS[j] * shingle + ADDENDS[j]);
            }
        }
        return min;
    }

    /** FNV-1a of each space-separated word. */
    private static long[] wordHashes(String text) {
        int count = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == ' ') {
                count++;
            }
        }
        long[] hashes = new long[count];
        long h = 0xcbf29ce484222325L;
        int w = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ' ') {
                hashes[w++] = h;
                h = 0xcbf29ce484222325L;
            } else {
                h = (h ^ c) * 0x100000001b3L;
            }
        }
        hashes[w] = h;
        return hashes;
    }

    /** The share of positions where two signatures agree: an estimate of the Jaccard similarity. */
    static double similarity(int[] a, int[] b) {
        int equal = 0;
        for (int j = 0; j < HASHES; j++) {
            if (a[j] == b[j]) {
                equal++;
            }
        }
        return equal / (double) HASHES;
    }

    /**
     * Joins the texts whose signatures share a band and agree at ≥ {@code similarity} of the positions; returns
     * each text's family root (the smallest text index of its family). Per band, texts go into buckets by the
     * hash of their rows (an open-addressing table, no boxing); a text is compared with the texts already in its
     * bucket, latest first, until one matches, one is already in its family, or {@value #MAX_COMPARISONS} were tried.
     */
    static int[] join(int[][] signatures, double similarity) {
        int n = signatures.length;
        int[] parent = new int[n];
        for (int t = 0; t < n; t++) {
            parent[t] = t;
        }
        int capacity = Integer.highestOneBit(Math.max(4, n) * 2) * 2;
        long[] keys = new long[capacity];
        int[] heads = new int[capacity];
        int[] next = new int[n];
        for (int band = 0; band < BANDS; band++) {
            Arrays.fill(heads, -1);
            for (int t = 0; t < n; t++) {
                long key = bandKey(signatures[t], band);
                int slot = (int) (mix(key) & (capacity - 1));
                while (heads[slot] >= 0 && keys[slot] != key) {
                    slot = (slot + 1) & (capacity - 1);
                }
                int tried = 0;
                for (int other = heads[slot]; other >= 0 && tried < MAX_COMPARISONS; other = next[other], tried++) {
                    if (find(parent, other) == find(parent, t)) {
                        break;
                    }
                    if (similarity(signatures[other], signatures[t]) >= similarity) {
                        union(parent, other, t);
                        break;
                    }
                }
                keys[slot] = key;
                next[t] = heads[slot];
                heads[slot] = t;
            }
        }
        int[] root = new int[n];
        for (int t = 0; t < n; t++) {
            root[t] = find(parent, t);
        }
        return root;
    }

    private static long bandKey(int[] signature, int band) {
        long key = band;
        for (int r = band * ROWS; r < (band + 1) * ROWS; r++) {
            key = key * 0x9E3779B97F4A7C15L + signature[r];
        }
        return key;
    }

    private static int find(int[] parent, int t) {
        while (parent[t] != t) {
            parent[t] = parent[parent[t]];
            t = parent[t];
        }
        return t;
    }

    /** Links the larger root under the smaller, so a family's root is its first text. */
    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra != rb) {
            parent[Math.max(ra, rb)] = Math.min(ra, rb);
        }
    }

    /** SplitMix64's finaliser: a fast, well-mixed 64-bit bijection. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
