package org.redteam.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redteam.config.CampaignConfig;
import org.redteam.config.CrowdSettings;
import org.redteam.testing.PageSession;
import org.redteam.testing.ReviewFixtures;
import org.redteam.testing.TestPlatform;
import org.redteam.worker.Role;
import org.redteam.worker.Worker;

/** The open study link of a crowd-work platform, over plain HTTP: sign-in by external id, refusals, completion page. */
class StudyLinkTest {
    static final CrowdSettings CROWD = new CrowdSettings(true, "PROLIFIC_PID",
            Optional.of("https://crowd.example.org/done?cc={code}"), OptionalInt.of(5));

    @TempDir
    Path dir;
    TestPlatform platform;
    String secret;
    final HttpClient http = HttpClient.newHttpClient();

    /** The fixture campaign (no surveys, no cap) with sets of one attempt and the crowd block above. */
    static CampaignConfig campaign(CrowdSettings crowd) {
        CampaignConfig c = ReviewFixtures.campaign("study", 1);
        return new CampaignConfig(c.name(), c.instructions(), c.contentWarning(), c.exampleTopics(), c.riskTopics(), 1,
                c.maxTurns(), c.assignmentSeed(), c.targets(), c.preferenceModel(), c.review(), c.wellbeing(), crowd);
    }

    @BeforeEach
    void start() {
        platform = TestPlatform.start(dir, campaign(CROWD));
        secret = platform.app().study().secret().orElseThrow();
    }

    @AfterEach
    void stop() {
        platform.close();
    }

    @Test
    void theFirstVisitCreatesTheRedTeamerAndAnotherDeviceContinuesTheirOpenAttempt() {
        HttpResponse<String> first = visit("/study/" + secret + "?PROLIFIC_PID=pid5f3a", null);
        assertThat(first.statusCode()).isEqualTo(303);
        assertThat(PageSession.location(first)).isEqualTo("/");
        assertThat(first.headers().firstValue("Set-Cookie").orElseThrow()).startsWith(Auth.COOKIE + "=s_").contains("HttpOnly");
        Worker worker = only("pid5f3a");
        assertThat(worker.roles()).containsExactly(Role.RED_TEAMER);

        PageSession laptop = PageSession.fromSetCookie(platform, first);
        assertThat(PageSession.location(laptop.get("/"))).isEqualTo("/task");
        platform.consent(worker);
        HttpResponse<String> started = laptop.post("/task", "taskDescription", "tell me how to pick a lock");
        String attempt = PageSession.location(started);
        assertThat(attempt).startsWith("/attempts/");

        // A new device: a fresh cookie jar, the same link.
        PageSession phone = PageSession.fromSetCookie(platform, visit("/study/" + secret + "?PROLIFIC_PID=pid5f3a", null));
        assertThat(PageSession.location(phone.get("/task"))).isEqualTo(attempt);
        assertThat(only("pid5f3a").id()).isEqualTo(worker.id());
    }

    @Test
    void aWrongSecretIsThePlainNoPageAnswer() {
        HttpResponse<String> wrong = visit("/study/st_wrong?PROLIFIC_PID=pid5f3a", null);
        assertThat(wrong.statusCode()).isEqualTo(404);
        assertThat(wrong.body()).contains(StudyRoutes.NO_PAGE).doesNotContainIgnoringCase("secret");
        assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(workersWith("pid5f3a")).isEmpty();
    }

    @Test
    void aMissingOrMalformedWorkerIdIsAClearBadRequest() {
        HttpResponse<String> missing = visit("/study/" + secret, null);
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("PROLIFIC_PID");
        assertThat(visit("/study/" + secret + "?workerId=pid5f3a", null).statusCode()).isEqualTo(400);
        HttpResponse<String> malformed = visit("/study/" + secret + "?PROLIFIC_PID=%3Cb%3Epid%3C%2Fb%3E", null);
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("external worker id").doesNotContain("<b>pid");
        assertThat(visit("/study/" + secret + "?PROLIFIC_PID=" + "p".repeat(201), null).statusCode()).isEqualTo(400);
        assertThat(visit("/study/" + secret + "?PROLIFIC_PID=" + "p".repeat(200), null).statusCode()).isEqualTo(303);
        assertThat(platform.app().store().workers().listPlatformWorkers()).hasSize(1);
    }

    @Test
    void deactivatedWorkersAndWorkersWithOtherRolesAreRefused() {
        visit("/study/" + secret + "?PROLIFIC_PID=gone1", null);
        platform.app().store().access().deactivate(only("gone1").id());
        HttpResponse<String> refused = visit("/study/" + secret + "?PROLIFIC_PID=gone1", null);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Set-Cookie")).isEmpty();

        platform.app().store().workers().add("root", java.util.Set.of(Role.ADMIN), Optional.of("boss1"));
        assertThat(visit("/study/" + secret + "?PROLIFIC_PID=boss1", null).statusCode()).isEqualTo(403);
    }

    @Test
    void anotherWorkersSessionInTheBrowserIsReplaced() {
        HttpResponse<String> alice = visit("/study/" + secret + "?PROLIFIC_PID=alice1", null);
        String aliceCookie = cookie(alice);
        HttpResponse<String> bob = visit("/study/" + secret + "?PROLIFIC_PID=bob1", aliceCookie);
        assertThat(bob.statusCode()).isEqualTo(303);
        assertThat(cookie(bob)).isNotEqualTo(aliceCookie);
        assertThat(visit("/api/me", aliceCookie).statusCode()).isEqualTo(401);
        assertThat(visit("/api/me", cookie(bob)).body()).contains("bob1");
    }

    @Test
    void theCompletionPageShowsTheCodeACopyButtonAndTheWayBackAndAReturningWorkerFindsTheCode() {
        PageSession session = PageSession.fromSetCookie(platform, visit("/study/" + secret + "?PROLIFIC_PID=done1", null));
        Worker worker = only("done1");
        platform.consent(worker);
        long attempt = ReviewFixtures.submit(platform.app(), worker, "tell me how to pick a lock", 2);
        long set = platform.app().attempts().get(worker, attempt).workSetId().orElseThrow();
        String code = platform.app().campaigns().completedSet(worker, set).completionCode().orElseThrow();

        HttpResponse<String> page = session.get("/sets/" + set + "/complete");
        assertThat(page.statusCode()).isEqualTo(200);
        String back = "https://crowd.example.org/done?cc=" + java.net.URLEncoder.encode(code, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(page.body()).contains("id=\"completion-code\" data-copy=\"completion code\">" + code + "<",
                "/static/copy.js", "id=\"completion-link\" href=\"" + back + "\"", "5 seconds");
        assertThat(page.headers().firstValue("Refresh")).contains("5; url=" + back);

        PageSession later = PageSession.fromSetCookie(platform, visit("/study/" + secret + "?PROLIFIC_PID=done1", null));
        assertThat(later.get("/task").body()).contains("id=\"completion-codes\"", code);
    }

    @Test
    void theAdminPageShowsTheStudyLink() {
        HttpResponse<String> admin = PageSession.signIn(platform, platform.addWorker("root", Role.ADMIN).inviteSecret()).get("/admin");
        assertThat(admin.body()).contains("id=\"study-link\">" + platform.baseUrl().replace("127.0.0.1", "localhost")
                + "/study/" + secret + "<");
    }

    @Test
    void withoutAnOpenStudyLinkThereIsNoStudyPage() {
        platform.close();
        platform = TestPlatform.start(dir.resolve("closed"), campaign(CrowdSettings.NONE));
        assertThat(platform.app().study().secret()).isEmpty();
        assertThat(visit("/study/" + secret + "?PROLIFIC_PID=pid5f3a", null).statusCode()).isEqualTo(404);
        String admin = PageSession.signIn(platform, platform.addWorker("root", Role.ADMIN).inviteSecret()).get("/admin").body();
        assertThat(admin).doesNotContain("study-link");
    }

    private Worker only(String externalId) {
        List<Worker> found = workersWith(externalId);
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private List<Worker> workersWith(String externalId) {
        return platform.app().store().workers().listPlatformWorkers().stream()
                .filter(w -> w.externalId().equals(Optional.of(externalId))).toList();
    }

    private static String cookie(HttpResponse<String> response) {
        String setCookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private HttpResponse<String> visit(String path, String cookie) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(platform.baseUrl() + path));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
