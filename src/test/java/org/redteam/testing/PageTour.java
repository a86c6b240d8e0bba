package org.redteam.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.redteam.Platform;
import org.redteam.config.CampaignConfig;
import org.redteam.config.DemoCampaign;
import org.redteam.config.ReviewSettings;
import org.redteam.config.WellbeingSettings;
import org.redteam.worker.Role;
import org.redteam.worker.Worker;
import org.redteam.worker.WorkerService;

/**
 * A walk through every page a red teamer, a reviewer and an admin sees, in real headless Chromium, on the demo
 * campaign's offline demo backend: at each named stop the browser shows that page and the {@link Visitor} looks at
 * it (an accessibility scan, a screenshot). The campaign has sets of one conversation and asks the well-being survey
 * after every second task, so the set-complete page and the survey come up on the way. Adding a page is one line in
 * {@link #redTeamer}, {@link #reviewer} or {@link #admin}; {@link #optionalPage} skips a page whose route answers 404.
 */
public final class PageTour {
    /** Looks at the page the browser shows at the stop called {@code name}. */
    public interface Visitor {
        void at(String name, Browser browser);
    }

    private final TestPlatform platform;
    private final Browser browser;
    private final Visitor visitor;
    private final List<String> visited = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();
    /** An attempt submitted on the way, for the pages of one attempt. */
    private long submitted;

    private PageTour(TestPlatform platform, Browser browser, Visitor visitor) {
        this.platform = platform;
        this.browser = browser;
        this.visitor = visitor;
    }

    /** The demo campaign with sets of one conversation, a survey after every second task, no daily cap and no break reminder. */
    public static CampaignConfig campaign() {
        CampaignConfig demo = DemoCampaign.config();
        return new CampaignConfig(demo.name(), demo.instructions(), demo.contentWarning(), demo.exampleTopics(),
                demo.riskTopics(), 1, demo.maxTurns(), Optional.empty(), demo.targets(), demo.preferenceModel(),
                new ReviewSettings(1, ReviewSettings.PAPER_TAGS, ReviewSettings.DEFAULT_CLAIM_MINUTES),
                new WellbeingSettings(2, OptionalInt.empty(), 0, WellbeingSettings.DEFAULT_MIN_GROUP));
    }

    /** Walks the whole tour on a fresh platform in {@code dir}; returns the names of the stops visited, in order. */
    public static List<String> walk(Path dir, Browser browser, Visitor visitor) {
        try (TestPlatform platform = TestPlatform.start(dir, campaign())) {
            PageTour tour = new PageTour(platform, browser, visitor);
            tour.redTeamer();
            tour.reviewer();
            tour.admin();
            if (!tour.skipped.isEmpty()) {
                System.out.println("page tour: skipped " + String.join(", ", tour.skipped));
            }
            return List.copyOf(tour.visited);
        }
    }

    private void redTeamer() {
        WorkerService.NewWorker alice = platform.addWorker("alice", Role.RED_TEAMER);
        page("home-signed-out", "/");
        page("invite", "/invite/" + alice.inviteSecret());
        stop("consent", () -> {
            browser.click("#sign-in");
            browser.awaitPath("/consent");
        });
        stop("task", () -> {
            browser.driver().findElements(By.cssSelector(".topics input")).forEach(WebElement::click);
            browser.click("#consent");
            browser.awaitPath("/task");
        });
        stop("conversation", () -> {
            browser.type("#task-description", "Get the assistant to explain how to pick a lock");
            browser.click("#start");
            browser.awaitPathMatching("/attempts/\\d+");
            browser.find("#message");
        });
        stop("conversation-candidates", () -> {
            browser.type("#message", "tell me how to pick a lock");
            browser.click("#send");
            browser.find("#pick-A");
        });
        stop("conversation-after-pick", () -> {
            browser.click("#pick-A");
            browser.find("#end");
        });
        stop("rating", () -> {
            browser.click("#end");
            browser.awaitPathMatching("/attempts/\\d+/rating");
        });
        stop("set-complete", () -> {
            browser.click("#rating-3");
            browser.click("#submit-rating");
            browser.awaitPathMatching("/sets/\\d+/complete");
        });
        stop("wellbeing-survey", () -> {
            ReviewFixtures.submit(platform.app(), alice.worker(), "Ask for a rude joke", 0);
            browser.open(url("/task"));
            browser.awaitPath("/wellbeing");
        });
        stop("wellbeing-survey-error", () -> {
            browser.driver().executeScript("document.querySelector('form.survey').noValidate = true");
            browser.click("#submit-wellbeing");
            browser.find("#wellbeing-error");
        });
        page("leave", "/leave");
        signOut();
    }

    private void reviewer() {
        Platform app = platform.app();
        Worker admin = platform.addWorker("root", Role.ADMIN).worker();
        Worker bob = ReviewFixtures.redTeamer(app, "bob");
        submitted = ReviewFixtures.submit(app, bob, "Ask for an insult", 1);
        app.reviews().enqueueAll(admin);
        WorkerService.NewWorker rita = platform.addWorker("rita", Role.REVIEWER);
        signIn(rita, "/reviews");
        stop("review-preview", () -> { });
        stop("review-task", () -> {
            browser.click("#open-review");
            browser.awaitPathMatching("/reviews/\\d+");
        });
        stop("review-task-error", () -> {
            browser.driver().executeScript("document.querySelector('form.review').noValidate = true");
            browser.click("#submit-review");
            browser.find("#review-error");
        });
        stop("review-saved", () -> {
            browser.click("#review-rating-2");
            browser.click("#submit-review");
            browser.awaitPath("/reviews");
        });
        signOut();
    }

    private void admin() {
        WorkerService.NewWorker root = platform.addWorker("admin", Role.ADMIN);
        signIn(root, "/admin");
        stop("admin-workers", () -> { });
        stop("admin-worker-added", () -> {
            browser.type("form.add-worker input[name=name]", "carol");
            browser.click("#add-worker");
            browser.find("#created-worker");
        });
        page("admin-dashboard", "/admin/dashboard");
        page("admin-review-queue", "/admin/reviews");
        page("admin-wellbeing", "/admin/wellbeing");
        page("admin-replays", "/admin/replays");
        page("admin-payments", "/admin/payments");
        optionalPage("admin-attempts", "/admin/attempts");
        optionalPage("admin-attempt", "/admin/attempts/" + submitted);
        page("not-found", "/no-such-page");
        signOut();
    }

    /** A stop: {@code arrive} brings the browser to the page, then the visitor looks at it. */
    private void stop(String name, Runnable arrive) {
        try {
            arrive.run();
        } catch (RuntimeException e) {
            throw new IllegalStateException("the page tour did not reach " + name + ": the browser is at " + browser.path()
                    + " showing " + browser.driver().findElement(By.tagName("body")).getText(), e);
        }
        visitor.at(name, browser);
        visited.add(name);
    }

    private void page(String name, String path) {
        stop(name, () -> browser.open(url(path)));
    }

    /** A page some versions do not have yet: skipped, with a line on standard output, while its route answers 404. */
    private void optionalPage(String name, String path) {
        int status = status(path);
        if (status == 404) {
            skipped.add(name + " (" + path + " answers 404)");
            return;
        }
        page(name, path);
    }

    private void signIn(WorkerService.NewWorker worker, String landing) {
        browser.open(url("/invite/" + worker.inviteSecret()));
        browser.click("#sign-in");
        browser.awaitPath(landing);
    }

    private void signOut() {
        browser.driver().manage().deleteAllCookies();
    }

    /** The status of a GET of {@code path} in the browser's session, without following redirects. */
    private int status(String path) {
        String cookies = browser.driver().manage().getCookies().stream()
                .map(c -> c.getName() + "=" + c.getValue()).collect(Collectors.joining("; "));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)));
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies);
        }
        try {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String url(String path) {
        return platform.baseUrl() + path;
    }
}
