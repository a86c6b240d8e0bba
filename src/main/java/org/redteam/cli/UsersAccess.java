package org.redteam.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.redteam.App;
import org.redteam.Store;
import org.redteam.worker.Role;
import org.redteam.worker.Worker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code users} subcommands that take access away or change it; each is one call to {@code WorkerAccess}. */
final class UsersAccess {
    private UsersAccess() {
    }

    /** What every access subcommand has: the worker's id, the store, the output. */
    abstract static class OnWorker implements Callable<Integer> {
        @Option(names = "--id", required = true, description = "The worker's id (see users list).")
        long id;

        @Mixin
        StoreOptions store;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (Store app = App.openStore(store.existing(), Clock.systemUTC())) {
                PrintWriter out = spec.commandLine().getOut();
                out.println(run(app));
                out.flush();
            }
            return 0;
        }

        /** Does the change; the line to print. */
        abstract String run(Store app);
    }

    @Command(name = "deactivate", mixinStandardHelpOptions = true,
            description = "End a worker's access at once (tokens, sessions, unused invites); their data stays.")
    static final class Deactivate extends OnWorker {
        @Override
        String run(Store app) {
            app.access().deactivate(id);
            return "deactivated worker " + id + ": tokens revoked, sessions ended, unused invites expired";
        }
    }

    @Command(name = "activate", mixinStandardHelpOptions = true,
            description = "Let a deactivated worker back in (give them a new invite link or token).")
    static final class Activate extends OnWorker {
        @Override
        String run(Store app) {
            app.access().activate(id);
            return "activated worker " + id + "; their old links and tokens stay ended: run users invite or users tokens --new";
        }
    }

    @Command(name = "tokens", mixinStandardHelpOptions = true,
            description = "Revoke a worker's API tokens and/or issue a new one (last line: token: <token>).")
    static final class Tokens extends OnWorker {
        @Option(names = "--revoke", description = "Revoke every token the worker has.")
        boolean revoke;

        @Option(names = "--new", description = "Issue a new token.")
        boolean issue;

        @Option(names = "--expires-days", paramLabel = "DAYS", description = "With --new: the token stops working after DAYS days.")
        Integer expiresDays;

        @Override
        String run(Store app) {
            if (!revoke && !issue) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "give --revoke, --new or both");
            }
            StringBuilder out = new StringBuilder();
            if (revoke) {
                out.append("revoked ").append(app.access().revokeTokens(id)).append(" tokens of worker ").append(id);
            }
            if (issue) {
                out.append(out.length() > 0 ? "\n" : "").append("token: ")
                        .append(app.access().newToken(id, Optional.ofNullable(expiresDays)));
            }
            return out.toString();
        }
    }

    @Command(name = "edit", mixinStandardHelpOptions = true, description = "Change a worker's roles.")
    static final class Edit extends OnWorker {
        @Option(names = "--role", required = true, paramLabel = "ROLE", split = ",",
                description = "The worker's roles from now on: red-teamer, reviewer, admin.")
        List<String> roles;

        @Override
        String run(Store app) {
            Set<Role> parsed = EnumSet.noneOf(Role.class);
            roles.forEach(r -> parsed.add(Role.parse(r.strip())));
            Worker changed = app.access().setRoles(id, parsed);
            return "worker " + id + " (" + changed.name() + "): " + changed.roleLabels();
        }
    }
}
