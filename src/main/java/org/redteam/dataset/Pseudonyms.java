package org.redteam.dataset;

import java.util.HashMap;
import java.util.Map;

/**
 * Pseudonyms for one export: ids are numbered 1, 2, 3, ... in order of first appearance, so the same id gets the
 * same pseudonym everywhere in that export and nothing of the stored id (nor of any other export's numbering
 * beyond record order) is revealed. Not shared between exports.
 */
final class Pseudonyms {
    private final Map<Long, Integer> ids = new HashMap<>();

    int of(long id) {
        return ids.computeIfAbsent(id, k -> ids.size() + 1);
    }

    int size() {
        return ids.size();
    }
}
