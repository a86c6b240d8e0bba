package org.redteam.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redteam.config.CampaignConfig;
import org.redteam.dataset.ImportService;
import org.redteam.problem.StoredText;
import org.redteam.review.ReviewTask;
import org.redteam.target.TargetFactory;
import org.redteam.testing.ApiClient;
import org.redteam.testing.Browser;
import org.redteam.testing.ReleasedRecords;
import org.redteam.testing.ReviewFixtures;
import org.redteam.testing.ScriptedBackend;
import org.redteam.testing.TestPlatform;
import org.redteam.worker.Role;
import org.redteam.worker.Worker;
import org.redteam.worker.WorkerService;

/**
 * Hostile text everywhere it can come from (model outputs, task descriptions, messages, review notes,
 * worker names, an imported transcript), rendered in real headless Chromium on the attempt page, the
 * admin pages, the review page and the dashboard. Each payload would set {@code window.__xss} to its
 * number if it ran; after each page the flag must be unset, the payload must show as literal text, and
 * the Content-Security-Policy must have refused nothing (a refusal would mean markup became script and
 * only the second line of defence held).
 */
class XssBrowserTest {
    @TempDir
    Path dir;
    @TempDir
    Path profile;

    /** Each entry is a template; {@code N} becomes the payload's number. */
    static final List<String> TEMPLATES = List.of(
            "<script>window.__xss=N</script>",
            "<SCRIPT>window.__xss=N</SCRIPT>",
            "<script src=data:text/javascript,window.__xss=N></script>",
            "<img src=x onerror=window.__xss=N>",
            "<img src=x onerror=\"window.__xss=N\">",
            "<img/src=x/onerror=window.__xss=N>",
            "<svg onload=window.__xss=N>",
            "<svg><script>window.__xss=N</script></svg>",
            "<svg/onload=window.__xss=N//",
            "<body onload=window.__xss=N>",
            "<iframe srcdoc=\"<script>parent.__xss=N</script>\"></iframe>",
            "<iframe src=\"javascript:parent.__xss=N\"></iframe>",
            "<details open ontoggle=window.__xss=N>",
            "<video><source onerror=window.__xss=N></video>",
            "<audio src=x onerror=window.__xss=N>",
            "<input autofocus onfocus=window.__xss=N>",
            "<marquee onstart=window.__xss=N>",
            "<object data=\"javascript:window.__xss=N\"></object>",
            "<embed src=\"javascript:window.__xss=N\">",
            "<a href=\"javascript:window.__xss=N\" id=xssN>link</a>",
            "javascript:window.__xss=N",
            "\"><script>window.__xss=N</script>",
            "'><script>window.__xss=N</script>",
            "\" onmouseover=\"window.__xss=N\" x=\"",
            "' onfocus='window.__xss=N' autofocus='",
            "\" autofocus onfocus=\"window.__xss=N",
            "</textarea><script>window.__xss=N</script>",
            "</title><script>window.__xss=N</script>",
            "</style><script>window.__xss=N</script>",
            "</pre><img src=x onerror=window.__xss=N>",
            "<!--><script>window.__xss=N</script>-->",
            "<![CDATA[<script>window.__xss=N</script>]]>",
            "<scr<script>ipt>window.__xss=N</scr</script>ipt>",
            "<img src=x onerror=window.__xss=N",
            "<div style=\"x:expression(window.__xss=N)\">",
            "<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=N>",
            "<noscript><p title=\"</noscript><img src=x onerror=window.__xss=N>\">",
            "<form><button formaction=javascript:window.__xss=N>x</button></form>",
            "<base href=\"javascript:window.__xss=N//\">",
            "<meta http-equiv=\"refresh\" content=\"0;url=javascript:window.__xss=N\">",
            "<link rel=import href=\"data:text/html,<script>parent.__xss=N</script>\">",
            "\uFF1Cscript\uFF1Ewindow.__xss=N\uFF1C/script\uFF1E",
            "\u202E<script>window.__xss=N</script>\u202C",
            "<scr\u0000ipt>window.__xss=N</script>",
            "&lt;script&gt;window.__xss=N&lt;/script&gt;",
            "&#60;img src=x onerror=window.__xss=N&#62;",
            "%3Cscript%3Ewindow.__xss=N%3C/script%3E",
            "\\u003cscript\\u003ewindow.__xss=N\\u003c/script\\u003e",
            "${window.__xss=N}",
            "{{constructor.constructor('window.__xss=N')()}}",
            "#{window.__xss=N} ${7*7} {{7*7}} <%= 7*7 %>",
            "<template><script>window.__xss=N</script></template><img src=x onerror=window.__xss=N>",
            "<select><option><img src=x onerror=window.__xss=N></option></select>",
            "<isindex type=image src=x onerror=window.__xss=N>",
            // Markdown (model output is rendered by web.Markdown): links, images, autolinks, references, raw HTML blocks.
            "[click](javascript:window.__xss=N)",
            "[click](JAVASCRIPT:window.__xss=N)",
            "[click](&#106;avascript:window.__xss=N)",
            "[click](<javascript:window.__xss=N>)",
            "[click](data:text/html,<script>parent.__xss=N</script>)",
            "<javascript:window.__xss=N>",
            "[ref N]\n\n[ref N]: javascript:window.__xss=N",
            "[t](https://example.org \"x\" onmouseover=window.__xss=N)",
            "[<img src=x onerror=window.__xss=N>](https://example.org)",
            "![x](javascript:window.__xss=N)",
            "![x\" onerror=\"window.__xss=N](x)",
            "![x](x\"onerror=\"window.__xss=N)",
            "![x](data:image/svg+xml,<svg onload=window.__xss=N>)",
            "<div>\n<img src=x onerror=window.__xss=N>\n</div>",
            "<details open ontoggle=window.__xss=N>\n\n**bold**\n\n</details>",
            "```html\n<script>window.__xss=N</script>\n```",
            "| a | b |\n|---|---|\n| <img src=x onerror=window.__xss=N> | [c](javascript:window.__xss=N) |");

    static List<String> payloads() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < TEMPLATES.size(); i++) {
            out.add(TEMPLATES.get(i).replace("N", Integer.toString(i + 1)));
        }
        return out;
    }

    /** The payloads joined by newlines into pieces of at most {@code max} characters. */
    static List<String> chunks(List<String> payloads, int max) {
        List<String> out = new ArrayList<>();
        StringBuilder b = new StringBuilder();
        for (String p : payloads) {
            if (b.length() > 0 && b.length() + 1 + p.length() > max) {
                out.add(b.toString());
                b.setLength(0);
            }
            b.append(b.length() > 0 ? "\n" : "").append(p);
        }
        out.add(b.toString());
        return out;
    }

    @Test
    void noPayloadRunsOnAnyPage() {
        List<String> payloads = payloads();
        // Model output: one payload a markdown block (a raw HTML block runs to the next blank line and would swallow the rest).
        String all = String.join("\n\n", payloads);
        // U+0000 is refused in every text a person types or imports (StoredText); the model's output still carries it.
        List<String> typed = payloads.stream().filter(p -> !StoredText.hasNul(p)).toList();
        String typedAll = String.join("\n", typed);
        CampaignConfig config = ReviewFixtures.campaign("xss", 1);
        try (TestPlatform platform = TestPlatform.start(dir, config, new TargetFactory((id, spec) -> new ScriptedBackend(all)));
             Browser browser = Browser.withConsoleLog(profile)) {
            // Worker names: the payloads in pieces of at most 200 characters, one worker each.
            List<String> names = chunks(typed, 190);
            WorkerService.NewWorker red = platform.addWorker(names.get(0), Role.RED_TEAMER);
            platform.consent(red.worker());
            for (String name : names.subList(1, names.size())) {
                platform.addWorker(name, Role.RED_TEAMER);
            }
            ApiClient api = platform.client(red.token());
            // Task descriptions and messages in pieces under their limits; model outputs are all payloads at once.
            List<String> tasks = chunks(typed, 1900);
            for (String task : tasks) {
                long id = api.startAttempt(task);
                api.turnAndPick(id, 0, typedAll.length() <= 4000 ? typedAll : task, "A");
                assertThat(api.post("/api/attempts/" + id + "/rating", Map.of("rating", 3)).status()).isEqualTo(200);
            }
            long open = api.startAttempt(tasks.get(0));
            api.turnAndPick(open, 0, tasks.get(tasks.size() - 1), "B");
            // An imported transcript in the released format.
            Path file = ReleasedRecords.write(dir.resolve("in.jsonl"), List.of(ReleasedRecords.record(
                    "\n\nHuman: " + typedAll + "\n\nAssistant: " + typedAll, tasks.get(0), null, null)));
            platform.app().store().imports().importFile(file, new ImportService.Options(config.name(), "import"), bytes -> { });
            // Reviews: every attempt queued; the reviewer answers one with a hostile note and holds the next.
            WorkerService.NewWorker admin = platform.addWorker("ada", Role.ADMIN);
            WorkerService.NewWorker rita = platform.addWorker("rita", Role.REVIEWER);
            platform.app().reviews().enqueueAll(admin.worker());
            Worker reviewer = rita.worker();
            ReviewTask answered = ReviewFixtures.claimNext(platform.app(), reviewer).orElseThrow();
            platform.app().reviews().open(reviewer, answered.id());
            platform.app().reviews().answer(reviewer, answered.id(), 2, List.of(), tasks.get(0));
            ReviewTask held = ReviewFixtures.claimNext(platform.app(), reviewer).orElseThrow();

            List<String> seen = new ArrayList<>();
            signIn(browser, platform, red.inviteSecret());
            seen.add(check(browser, platform, "/attempts/" + open));
            signIn(browser, platform, rita.inviteSecret());
            seen.add(check(browser, platform, "/reviews/" + held.id()));
            assertThat(browser.driver().findElements(org.openqa.selenium.By.cssSelector("#review-transcript .text.md a[rel]")))
                    .as("the model's output went through the markdown renderer").isNotEmpty();
            signIn(browser, platform, admin.inviteSecret());
            seen.add(check(browser, platform, "/admin"));
            seen.add(check(browser, platform, "/admin/dashboard?resamples=20"));
            seen.add(check(browser, platform, "/admin/reviews"));
            seen.add(check(browser, platform, "/admin/wellbeing"));
            seen.add(check(browser, platform, "/admin/payments"));
            seen.add(check(browser, platform, "/attempts/" + open));

            // The payloads reached the pages as text: the attempt page shows the model's output literally.
            assertThat(seen.get(0)).contains("<script>window.__xss=1</script>").contains("<svg onload=window.__xss=7>")
                    .contains("{{7*7}}").contains("${7*7}").contains("\uFF1Cscript\uFF1E");
            assertThat(seen.get(1)).contains("<img src=x onerror=window.__xss=4>");
            assertThat(seen.get(2)).contains("<script>window.__xss=1</script>");
            assertThat(browser.consoleErrors()).noneMatch(e -> e.contains("Content Security Policy") || e.contains("Refused to"));
            assertThat(payloads).hasSizeGreaterThanOrEqualTo(70);

            // Control: markup that does become an event handler is refused by the policy, and the refusal is seen.
            browser.driver().executeScript("document.body.insertAdjacentHTML('beforeend', '<img src=x onerror=window.__xss=0>')");
            new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), java.time.Duration.ofSeconds(5))
                    .until(d -> browser.consoleErrors().stream().anyMatch(e -> e.contains("Content Security Policy")));
            assertThat(browser.driver().executeScript("return window.__xss === undefined")).isEqualTo(true);
        }
    }

    private static void signIn(Browser browser, TestPlatform platform, String secret) {
        browser.open(platform.baseUrl() + "/invite/" + secret);
        browser.click("#sign-in");
        // Until the sign-in has landed ("/.*" matched the invite page itself): otherwise its redirects (for a reviewer
        // to /reviews) could overtake the page opened next.
        browser.awaitPathMatching("/(?!invite/).*");
    }

    /** Opens the page, lets event handlers fire, and checks that no payload ran; returns the page's text. */
    private static String check(Browser browser, TestPlatform platform, String path) {
        browser.open(platform.baseUrl() + path);
        browser.find("body");
        // Every "Show raw text" opened, so the raw payloads are part of the page's text too.
        browser.driver().executeScript("document.querySelectorAll('details.raw').forEach(d => d.open = true)");
        assertThat(browser.driver().findElements(org.openqa.selenium.By.cssSelector(
                "main .text img, main .text svg, main iframe, main object, main embed, main script:not([src^='/static/']),"
                        + " main a[href^='javascript' i], main a[href^='data' i], main [onerror], main [onload]")))
                .as("active markup on %s", path).isEmpty();
        Object flag = browser.driver().executeAsyncScript(
                "const done = arguments[arguments.length - 1]; setTimeout(() => done(window.__xss === undefined ? null : String(window.__xss)), 300);");
        assertThat(flag).as("payload number that ran on %s", path).isNull();
        assertThat(browser.path()).as("still on the page, no redirect by a payload").isEqualTo(path.replaceAll("\\?.*", ""));
        return browser.find("body").getText();
    }
}
