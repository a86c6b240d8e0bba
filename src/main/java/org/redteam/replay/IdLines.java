package org.redteam.replay;

/**
 * The line each attack id of a suite was first seen on, in about 12 bytes per id (a replay reads suites of 40,000
 * attacks and more a line at a time; a map of the ids themselves would be the one thing that grew with the suite).
 * Ids are kept as 64-bit hashes: two different ids share one with a probability of about n² / 2⁶⁵ (4 · 10⁻¹¹ for
 * 40,000 ids), which would report a false duplicate, never miss a true one.
 */
final class IdLines {
    private long[] hashes = new long[1024];
    private int[] lines = new int[1024];
    private boolean[] used = new boolean[1024];
    private int size;

    /** Records {@code id} on {@code line}; returns the line it was first seen on, or 0 when it is new. */
    long putIfAbsent(String id, long line) {
        if ((size + 1) * 4L > hashes.length * 3L) {
            grow();
        }
        long h = hash(id);
        int slot = slot(h, hashes.length);
        while (used[slot]) {
            if (hashes[slot] == h) {
                return lines[slot];
            }
            slot = (slot + 1) & (hashes.length - 1);
        }
        used[slot] = true;
        hashes[slot] = h;
        lines[slot] = (int) Math.min(line, Integer.MAX_VALUE);
        size++;
        return 0;
    }

    private void grow() {
        long[] oldHashes = hashes;
        int[] oldLines = lines;
        boolean[] oldUsed = used;
        hashes = new long[oldHashes.length * 2];
        lines = new int[hashes.length];
        used = new boolean[hashes.length];
        for (int i = 0; i < oldHashes.length; i++) {
            if (oldUsed[i]) {
                int slot = slot(oldHashes[i], hashes.length);
                while (used[slot]) {
                    slot = (slot + 1) & (hashes.length - 1);
                }
                used[slot] = true;
                hashes[slot] = oldHashes[i];
                lines[slot] = oldLines[i];
            }
        }
    }

    private static int slot(long hash, int capacity) {
        return (int) (hash ^ (hash >>> 32)) & (capacity - 1);
    }

    /** FNV-1a over the UTF-16 units, then a murmur finaliser to spread the bits. */
    static long hash(String id) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < id.length(); i++) {
            h ^= id.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }
}
