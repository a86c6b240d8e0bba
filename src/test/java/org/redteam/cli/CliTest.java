package org.redteam.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redteam.App;
import org.redteam.Store;
import org.redteam.storage.StoreLocation;
import org.redteam.worker.Role;

class CliTest {
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.commandLine(new PrintWriter(out), new PrintWriter(err)).execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void helpListsTheCommands() {
        Run help = run("--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("serve", "users", "import", "export", "score");
    }

    @Test
    void usersAddPrintsAnInviteLinkAndEndsWithTheToken() {
        Run add = run("users", "add", "--name", "Alice", "--role", "red-teamer,reviewer", "--data", dir.toString());
        assertThat(add.exit()).as(add.err()).isZero();
        assertThat(add.out()).contains("invite link", "http://localhost:7070/invite/inv_");
        String last = add.lines().get(add.lines().size() - 1);
        assertThat(last).matches("token: rt_[A-Za-z0-9_-]{43}");
        try (Store app = App.openStore(StoreLocation.directory(dir), Clock.systemUTC())) {
            var worker = app.workers().byToken(last.substring("token: ".length())).orElseThrow();
            assertThat(worker.roles()).containsExactlyInAnyOrder(Role.RED_TEAMER, Role.REVIEWER);
        }
        Run list = run("users", "list", "--data", dir.toString());
        assertThat(list.out()).contains("Alice\tred-teamer, reviewer");
    }

    @Test
    void usersDeactivateEndsAccessAndActivateTokensAndEditRestoreIt() {
        Run add = run("users", "add", "--name", "Dana", "--role", "red-teamer", "--expires-days", "30", "--data", dir.toString());
        String token = add.lines().get(add.lines().size() - 1).substring("token: ".length());
        long id = Long.parseLong(add.out().replaceAll("(?s).*created worker (\\d+).*", "$1"));

        Run off = run("users", "deactivate", "--id", String.valueOf(id), "--data", dir.toString());
        assertThat(off.exit()).as(off.err()).isZero();
        assertThat(run("users", "list", "--data", dir.toString()).out()).contains("Dana\tred-teamer\t\tdeactivated");
        assertThat(run("users", "activate", "--id", String.valueOf(id), "--data", dir.toString()).exit()).isZero();
        Run tokens = run("users", "tokens", "--id", String.valueOf(id), "--revoke", "--new", "--data", dir.toString());
        assertThat(tokens.out()).contains("revoked 0 tokens");
        String fresh = tokens.lines().get(tokens.lines().size() - 1).substring("token: ".length());
        Run edit = run("users", "edit", "--id", String.valueOf(id), "--role", "reviewer,admin", "--data", dir.toString());
        assertThat(edit.out()).contains("Dana", "admin", "reviewer").doesNotContain("red-teamer");
        Run invite = run("users", "invite", "--id", String.valueOf(id), "--revoke-older", "--data", dir.toString());
        assertThat(invite.out()).contains("revoked 0 unused invite links", "/invite/inv_");
        try (Store app = App.openStore(StoreLocation.directory(dir), Clock.systemUTC())) {
            assertThat(app.workers().byToken(token)).isEmpty();
            assertThat(app.workers().byToken(fresh).orElseThrow().roles()).containsExactlyInAnyOrder(Role.REVIEWER, Role.ADMIN);
        }
        assertThat(run("users", "deactivate", "--id", "999", "--data", dir.toString()).exit()).isEqualTo(Main.EXIT_NOT_FOUND);
        assertThat(run("users", "tokens", "--id", String.valueOf(id), "--data", dir.toString()).exit()).isEqualTo(2);
    }

    @Test
    void inviteLinksNameTheAddressServeRecordedUnlessOneIsGiven() {
        run("users", "add", "--name", "Eve", "--role", "reviewer", "--data", dir.toString());
        try (Store app = App.openStore(StoreLocation.directory(dir), Clock.systemUTC())) {
            app.workers().rememberPublicAddress("https://red.example.org");
        }
        assertThat(run("users", "add", "--name", "Fay", "--role", "reviewer", "--data", dir.toString()).out())
                .contains("https://red.example.org/invite/inv_");
        assertThat(run("users", "invite", "--id", "1", "--base-url", "http://10.0.0.5:8080/", "--data", dir.toString()).out())
                .contains("http://10.0.0.5:8080/invite/inv_");
    }

    @Test
    void badArgumentsExitNonZeroWithAMessage() {
        assertThat(run("users", "add", "--role", "admin", "--data", dir.toString()).exit()).isEqualTo(2);
        Run badRole = run("users", "add", "--name", "x", "--role", "boss", "--data", dir.toString());
        assertThat(badRole.exit()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(badRole.err()).contains("error: unknown role 'boss'");
        Run both = run("users", "list", "--data", dir.toString(), "--db", "jdbc:sqlite:x.db");
        assertThat(both.err()).contains("either --data DIR or --db JDBC_URL");
        Run badConfig = run("serve", "--config", dir.resolve("missing.yaml").toString(), "--data", dir.toString());
        assertThat(badConfig.exit()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(badConfig.err()).contains("missing.yaml", "cannot read");
    }
}
