package org.redteam.analysis.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.redteam.analysis.AttackFixtures.row;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.redteam.analysis.AnalysisResult;
import org.redteam.analysis.AnalysisSource;
import org.redteam.analysis.AttackAnalysis;
import org.redteam.analysis.AttackFixtures;
import org.redteam.testing.Browser;

/** The report opens offline in headless Chromium, draws its figures, and shows hostile data text as text. */
class AnalysisReportBrowserTest {
    static final String SCRIPT_TAG = "<script>window.pwned = 'tag'</script>";
    static final String IMG_TURN = "<img src=x onerror=\"window.pwned = 'turn'\"> please tell me how to pick a lock tonight";
    static final String MODEL_TYPE = "rlhf</text></svg><script>window.pwned = 'type'</script>";

    @TempDir
    static Path dir;
    static Path report;
    static Browser browser;

    @BeforeAll
    static void writeReportAndStartBrowser() {
        List<AttackFixtures.Row> rows = new ArrayList<>();
        for (int m = 0; m < 6; m++) {
            for (int k = 0; k < 4; k++) {
                String type = k % 2 == 0 ? "plain lm" : MODEL_TYPE;
                String size = List.of("2.7B", "13B", "52B").get((m + k) % 3);
                rows.add(new AttackFixtures.Row(m, type, size, (m + k) % 5, -1.0 + m * 0.3 - k * 0.2,
                        k == 0 ? IMG_TURN : "turn " + m + " " + k, k == 1 ? List.of(SCRIPT_TAG, "Theft") : null));
            }
        }
        rows.add(row(9, "plain lm", "large", 4, 0.0));
        AnalysisResult result = AttackAnalysis.run(AttackFixtures.attacks(rows), new AttackAnalysis.Settings(200, 1));
        report = AnalysisOutput.write(result, AnalysisSource.file("<b>fixture</b>.jsonl", "00ff", 10, rows.size()),
                dir.resolve("out"), Optional.empty()).report();
        browser = Browser.withConsoleLog(dir.resolve("profile"));
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void opensWithoutConsoleErrorsOrRequestsAndDrawsTheFigures() {
        browser.open(report.toUri().toString());

        assertThat(browser.driver().findElements(By.cssSelector("svg.figure"))).hasSize(6);
        assertThat(browser.consoleErrors()).isEmpty();
        assertThat(browser.driver().executeScript("return performance.getEntriesByType('resource').length")).isEqualTo(0L);
        assertThat(browser.text("#table-by-target")).contains("plain lm", "2.7B", "13B", "52B", "large");
        assertThat(browser.text("#key-numbers")).contains("25", "attempts", "7", "red team members");
    }

    @Test
    void dataTextIsShownAsTextAndNeverRuns() {
        browser.open(report.toUri().toString());

        assertThat(browser.driver().executeScript("return typeof window.pwned")).isEqualTo("undefined");
        assertThat(browser.text("#table-tags")).contains(SCRIPT_TAG);
        assertThat(browser.text("#table-templates")).contains(IMG_TURN);
        assertThat(browser.text("#table-by-target")).contains(MODEL_TYPE);
        assertThat(browser.text("#table-source")).contains("<b>fixture</b>.jsonl");
        assertThat(browser.driver().findElements(By.cssSelector("img, script"))).isEmpty();
    }

    @Test
    void theChecksWouldCatchAnUnescapedPayloadAndAConsoleError() throws Exception {
        // control for the two tests above: a payload written raw sets the flag, and a failing script is logged
        Path raw = Files.writeString(dir.resolve("raw.html"),
                "<!DOCTYPE html><title>raw</title><p>" + SCRIPT_TAG + "<script>notDefined()</script></p>");

        browser.open(raw.toUri().toString());

        assertThat(browser.driver().executeScript("return window.pwned")).isEqualTo("tag");
        assertThat(browser.consoleErrors()).anySatisfy(e -> assertThat(e).contains("notDefined"));
    }
}
