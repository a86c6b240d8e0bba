package org.redteam.testing;

import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Deque's axe-core (the copy inside com.deque.html.axe-core:selenium) run on the page a browser shows. */
public final class Accessibility {
    /** The impacts that fail a page. */
    public static final Set<String> FAILING = Set.of("serious", "critical");

    private Accessibility() {
    }

    /**
     * The violations of impact serious or critical on the page {@code browser} shows, one line each: rule id,
     * impact, the target selectors and the help URL.
     */
    public static List<String> seriousViolations(Browser browser) {
        Results results = new AxeBuilder().analyze(browser.driver());
        if (results.isErrored()) {
            throw new IllegalStateException("axe-core did not run: " + results.getErrorMessage());
        }
        return results.getViolations().stream().filter(r -> FAILING.contains(r.getImpact()))
                .map(Accessibility::describe).toList();
    }

    private static String describe(Rule rule) {
        String targets = rule.getNodes().stream().map(CheckedNode::getTarget).map(String::valueOf)
                .collect(Collectors.joining(" "));
        return rule.getId() + " (" + rule.getImpact() + ") at " + targets + " — " + rule.getHelpUrl();
    }
}
