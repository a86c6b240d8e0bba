package org.redteam.architecture;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Strongly connected components of a package graph (Tarjan): every component of more than one package is a cycle. */
final class PackageGraph {
    private final Map<String, Set<String>> edges;
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, Integer> low = new HashMap<>();
    private final Deque<String> stack = new ArrayDeque<>();
    private final List<Set<String>> cycles = new ArrayList<>();
    private int next;

    private PackageGraph(Map<String, Set<String>> edges) {
        this.edges = edges;
    }

    /** Each cycle as the sorted set of its packages; empty when the graph is acyclic (self-edges ignored). */
    static List<Set<String>> cycles(Map<String, Set<String>> edges) {
        PackageGraph g = new PackageGraph(edges);
        for (String node : new TreeSet<>(edges.keySet())) {
            if (!g.index.containsKey(node)) {
                g.visit(node);
            }
        }
        return g.cycles;
    }

    private void visit(String node) {
        index.put(node, next);
        low.put(node, next);
        next++;
        stack.push(node);
        for (String to : edges.getOrDefault(node, Set.of())) {
            if (!index.containsKey(to)) {
                visit(to);
                low.put(node, Math.min(low.get(node), low.get(to)));
            } else if (stack.contains(to)) {
                low.put(node, Math.min(low.get(node), index.get(to)));
            }
        }
        if (low.get(node).equals(index.get(node))) {
            Set<String> component = new TreeSet<>();
            String member;
            do {
                member = stack.pop();
                component.add(member);
            } while (!member.equals(node));
            if (component.size() > 1) {
                cycles.add(component);
            }
        }
    }
}
