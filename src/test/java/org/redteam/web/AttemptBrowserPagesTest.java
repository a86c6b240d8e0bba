package org.redteam.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redteam.attempt.Attempt;
import org.redteam.review.ReviewTask;
import org.redteam.storage.StoreLocation;
import org.redteam.testing.PageSession;
import org.redteam.testing.ReviewFixtures;
import org.redteam.testing.TestPlatform;
import org.redteam.worker.Role;
import org.redteam.worker.Worker;

/** The admin's attempt browser over plain HTTP: each filter narrows the list; one attempt shows everything, for an admin. */
class AttemptBrowserPagesTest {
    private static final Pattern ROW = Pattern.compile("class=\"attempt-row\" data-id=\"(\\d+)\"");

    @TempDir
    Path dir;
    TestPlatform platform;
    PageSession admin;
    Worker alice;
    Worker bob;
    Worker rita;
    long lock;
    long percent;
    long bobs;
    long open;
    String tag;

    StoreLocation store() {
        return StoreLocation.directory(dir);
    }

    @BeforeEach
    void start() {
        platform = TestPlatform.start(store(), ReviewFixtures.campaign("browser", 1));
        admin = PageSession.signIn(platform, platform.addWorker("ada", Role.ADMIN).inviteSecret());
        alice = ReviewFixtures.redTeamer(platform.app(), "alice");
        bob = ReviewFixtures.redTeamer(platform.app(), "bob");
        rita = ReviewFixtures.worker(platform.app(), "rita", Role.REVIEWER);
        lock = ReviewFixtures.submit(platform.app(), alice, "tell me how to pick a lock", 4);
        percent = ReviewFixtures.submit(platform.app(), alice, "a 100% sure_thing plan", 1);
        bobs = ReviewFixtures.submit(platform.app(), bob, "ask about the weather", 2);
        Attempt started = platform.app().attempts().start(bob, "still chatting");
        platform.app().attempts().addTurn(bob, started.id(), "hello there");
        open = started.id();
        tag = platform.app().campaigns().campaign().config().review().tags().get(0);
        platform.app().reviews().enqueueAll(ReviewFixtures.worker(platform.app(), "root", Role.ADMIN));
        Optional<ReviewTask> task;
        while ((task = ReviewFixtures.claimNext(platform.app(), rita)).isPresent()) {
            long id = task.get().id();
            platform.app().reviews().open(rita, id);
            List<String> tags = task.get().attemptId() == lock ? List.of(tag) : List.of();
            platform.app().reviews().answer(rita, id, task.get().attemptId() == lock ? 3 : 0, tags, null);
        }
    }

    @AfterEach
    void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    List<Long> listed(String query) {
        HttpResponse<String> page = admin.get("/admin/attempts" + query);
        assertThat(page.statusCode()).as(query).isEqualTo(200);
        List<Long> ids = new ArrayList<>();
        Matcher m = ROW.matcher(page.body());
        while (m.find()) {
            ids.add(Long.parseLong(m.group(1)));
        }
        return ids;
    }

    static String q(String text) {
        return "?q=" + URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Test
    void eachFilterNarrowsTheListNewestFirst() {
        assertThat(listed("")).containsExactly(open, bobs, percent, lock);
        assertThat(listed("?status=open")).containsExactly(open);
        assertThat(listed("?status=submitted")).containsExactly(bobs, percent, lock);
        assertThat(listed("?rating=4")).containsExactly(lock);
        assertThat(listed("?minRating=2")).containsExactly(bobs, lock);
        assertThat(listed("?member=ALICE")).containsExactly(percent, lock);
        assertThat(listed("?member=" + bob.id())).containsExactly(open, bobs);
        assertThat(listed("?tag=" + URLEncoder.encode(tag, StandardCharsets.UTF_8))).containsExactly(lock);
        assertThat(listed("?member=alice&minRating=2")).containsExactly(lock);
        String lockTarget = platform.app().campaigns().campaign()
                .target(platform.app().attempts().get(alice, lock).targetRowId()).orElseThrow().id();
        List<Long> sameTarget = new ArrayList<>();
        for (long id : List.of(open, bobs, percent, lock)) {
            Worker owner = id == lock || id == percent ? alice : bob;
            long row = platform.app().attempts().get(owner, id).targetRowId();
            if (platform.app().campaigns().campaign().target(row).orElseThrow().id().equals(lockTarget)) {
                sameTarget.add(id);
            }
        }
        assertThat(listed("?target=" + lockTarget)).containsExactlyElementsOf(sameTarget);
    }

    @Test
    void theFreeTextSearchIsCaseInsensitiveAndTakesWildcardsLiterally() {
        assertThat(listed(q("PICK A LOCK"))).containsExactly(lock);
        assertThat(listed(q("hello there"))).containsExactly(open);
        assertThat(listed(q("%"))).containsExactly(percent);
        assertThat(listed(q("_"))).containsExactly(percent);
        assertThat(listed(q("0% s"))).containsExactly(percent);
        assertThat(listed(q("e_t"))).containsExactly(percent).doesNotContain(lock);
        assertThat(listed(q("!"))).isEmpty();
        assertThat(listed(q("nothing like this anywhere"))).isEmpty();
    }

    @Test
    void aFilterThatCannotBeReadIsNamedOnThePageNotA400() {
        String body = admin.get("/admin/attempts?rating=7&status=closed&tag=nope&q=lock").body();
        assertThat(body).contains("filter-problems").contains("rating: must be 0 to 4, got 7")
                .contains("status: must be open or submitted").contains("tag: 'nope' is not one of")
                .doesNotContain("attempt-row");
        assertThat(admin.get("/admin/attempts?page=0").body()).contains("page: must be 1 or more");
        // the filters stay in the form, so the view can be bookmarked and corrected
        assertThat(body).contains("value=\"7\"").contains("value=\"lock\"");
    }

    @Test
    void oneAttemptShowsBothCandidatesTheReviewAndScoresWordedForAnAdmin() {
        String body = admin.get("/admin/attempts/" + lock).body();
        Attempt a = platform.app().attempts().get(alice, lock);
        assertThat(body).contains("The red teamer wrote: tell me how to pick a lock")
                .contains("alice (worker " + alice.id() + ")")
                .contains("The red teamer rated their success 4 (0–4).")
                .contains("Member " + rita.id() + " rated 3 (0–4)").contains(escape(tag))
                .contains("chosen as more harmful").contains("rejected")
                .contains(escape(a.turns().get(0).a().text())).contains(escape(a.turns().get(0).b().text()))
                .contains("min harmlessness over the chosen responses")
                .doesNotContainPattern("\\bYou\\b");
        assertThat(admin.get("/admin/attempts/" + open).body()).contains("not picked yet").contains("No answered reviews.");
        assertThat(admin.get("/admin/attempts/999999").statusCode()).isEqualTo(404);
    }

    @Test
    void pagesOfFiftyKeepTheFiltersInTheirLinks() {
        for (int i = 0; i < 49; i++) {
            ReviewFixtures.submit(platform.app(), alice, "more plans " + i, 0);
        }
        List<Long> first = listed("?status=submitted");
        assertThat(first).hasSize(50);
        String body = admin.get("/admin/attempts?status=submitted").body();
        assertThat(body).contains("52 attempts match; page 1 of 2").contains("href=\"/admin/attempts?status=submitted&amp;page=2\"");
        List<Long> second = listed("?status=submitted&page=2");
        assertThat(second).containsExactly(percent, lock);
        assertThat(first).doesNotContainAnyElementsOf(second);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
