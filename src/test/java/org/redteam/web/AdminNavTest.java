package org.redteam.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redteam.testing.PageSession;
import org.redteam.testing.TestPlatform;
import org.redteam.worker.Role;

/** The admin navigation bar: on every admin page, every item, the page's own marked as current. */
class AdminNavTest {
    private static final Pattern NAV = Pattern.compile("<nav class=\"admin-nav\" aria-label=\"Admin\" id=\"admin-nav\">(.*?)</nav>",
            Pattern.DOTALL);

    @TempDir
    Path dir;
    TestPlatform platform;
    PageSession root;

    @BeforeEach
    void start() {
        platform = TestPlatform.start(dir);
        root = PageSession.signIn(platform, platform.addWorker("root", Role.ADMIN).inviteSecret());
    }

    @AfterEach
    void stop() {
        platform.close();
    }

    @Test
    void everyAdminPageHasTheBarWithItsOwnItemCurrent() {
        Map<String, String> pages = Map.of("/admin", "workers", "/admin/dashboard", "dashboard",
                "/admin/reviews", "reviews", "/admin/wellbeing", "wellbeing", "/admin/attempts", "attempts",
                "/admin/replays", "replays", "/admin/payments", "payments");
        pages.forEach((path, current) -> {
            HttpResponse<String> page = root.get(path);
            assertThat(page.statusCode()).as(path).isEqualTo(200);
            Matcher nav = NAV.matcher(page.body());
            assertThat(nav.find()).as(path).isTrue();
            String bar = nav.group(1);
            for (AdminNav.Item item : AdminNav.ITEMS) {
                assertThat(bar).as(path).contains("href=\"" + item.href() + "\"", ">" + item.label() + "</a>");
            }
            assertThat(bar.split("aria-current", -1)).as(path).hasSize(2);
            assertThat(bar).as(path).contains("aria-current=\"page\" id=\"admin-nav-" + current + "\"");
            assertThat(nav.find()).as(path + ": one bar").isFalse();
        });
        assertThat(root.get("/static/admin-nav.css").body()).contains("aria-current");
    }

    @Test
    void pagesOfOtherWorkersHaveNoAdminBar() {
        PageSession alice = PageSession.signIn(platform, platform.addWorker("alice", Role.RED_TEAMER).inviteSecret());
        assertThat(alice.get("/leave").body()).doesNotContain("admin-nav");
        assertThat(root.get("/leave").body()).doesNotContain("admin-nav");
    }
}
