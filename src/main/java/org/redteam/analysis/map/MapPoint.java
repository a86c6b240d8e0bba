package org.redteam.analysis.map;

/**
 * One attack on the map.
 *
 * @param x, y            UMAP coordinates (arbitrary units; only distances on the map mean anything)
 * @param cluster         index into {@link AttackMap#clusters()}
 * @param minHarmlessness higher = more harmless; null when unscored
 * @param label           the embedded text, cut to {@link AttackMap#LABEL_CHARS} characters
 */
record MapPoint(String id, float x, float y, int cluster, String modelType, String numParams,
                       Double minHarmlessness, String label) {
}
