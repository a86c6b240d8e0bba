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
import org.redteam.worker.WorkerAccess;
import org.redteam.worker.WorkerService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code redteam users add|list|invite|deactivate|activate|tokens|edit}: workers, their roles, invite links and API tokens. */
@Command(name = "users", mixinStandardHelpOptions = true, description = "Manage workers.",
        subcommands = {UsersCommand.Add.class, UsersCommand.ListWorkers.class, UsersCommand.Invite.class,
            UsersAccess.Deactivate.class, UsersAccess.Activate.class, UsersAccess.Tokens.class, UsersAccess.Edit.class})
final class UsersCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final String DEFAULT_BASE_URL = "http://localhost:7070";

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Create a worker; prints an invite link and an API token (last line: token: <token>).")
    static final class Add implements Callable<Integer> {
        @Option(names = "--name", required = true, description = "The worker's display name.")
        String name;

        @Option(names = "--role", required = true, paramLabel = "ROLE", split = ",",
                description = "red-teamer, reviewer, admin or automation (an API token for automated tools: /v1); repeat or separate with commas for several.")
        List<String> roles;

        @Option(names = "--external-id", paramLabel = "ID", description = "The worker's id on a crowd platform.")
        String externalId;

        @Option(names = "--expires-days", paramLabel = "DAYS", description = "The API token stops working after DAYS days.")
        Integer expiresDays;

        @Option(names = "--base-url", paramLabel = "URL",
                description = "Address of the running platform, for the invite link (default: the address the last serve "
                        + "on this store used, else " + DEFAULT_BASE_URL + ").")
        String baseUrl;

        @Mixin
        StoreOptions store;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Set<Role> parsed = EnumSet.noneOf(Role.class);
            roles.forEach(r -> parsed.add(Role.parse(r.strip())));
            try (Store app = App.openStore(store.orNew(spec.commandLine().getErr()), Clock.systemUTC())) {
                WorkerService.NewWorker created = app.workers().add(name, parsed, Optional.ofNullable(externalId),
                        Optional.ofNullable(expiresDays).map(WorkerAccess::lifetime));
                PrintWriter out = spec.commandLine().getOut();
                out.printf("created worker %d (%s): %s%n", created.worker().id(), created.worker().name(), created.worker().roleLabels());
                out.printf("invite link (works once, expires in %d days): %s%n", WorkerService.INVITE_LENGTH.toDays(),
                        inviteUrl(base(baseUrl, app), created.inviteSecret()));
                out.printf("token: %s%n", created.token());
                out.flush();
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List workers and their roles.")
    static final class ListWorkers implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (Store app = App.openStore(store.existing(), Clock.systemUTC())) {
                PrintWriter out = spec.commandLine().getOut();
                java.util.Set<Long> deactivated = app.access().deactivated();
                for (Worker w : app.workers().listPlatformWorkers()) {
                    out.printf("%d\t%s\t%s\t%s%s%n", w.id(), w.name(), w.roleLabels(), w.externalId().orElse(""),
                            deactivated.contains(w.id()) ? "\tdeactivated" : "");
                }
                out.flush();
            }
            return 0;
        }
    }

    @Command(name = "invite", mixinStandardHelpOptions = true, description = "Print a new invite link for a worker.")
    static final class Invite implements Callable<Integer> {
        @Option(names = "--id", required = true, description = "The worker's id (see users list).")
        long id;

        @Option(names = "--base-url", paramLabel = "URL",
                description = "Address of the running platform (default: the address the last serve on this store used, else "
                        + DEFAULT_BASE_URL + ").")
        String baseUrl;

        @Option(names = "--revoke-older", description = "Expire the worker's unused invite links first.")
        boolean revokeOlder;

        @Mixin
        StoreOptions store;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (Store app = App.openStore(store.existing(), Clock.systemUTC())) {
                if (revokeOlder) {
                    spec.commandLine().getOut().printf("revoked %d unused invite links%n", app.access().revokeInvites(id));
                }
                String secret = app.workers().newInvite(id);
                spec.commandLine().getOut().printf("invite link (works once, expires in %d days): %s%n",
                        WorkerService.INVITE_LENGTH.toDays(), inviteUrl(base(baseUrl, app), secret));
                spec.commandLine().getOut().flush();
            }
            return 0;
        }
    }

    /** The given address, else the one the running (or last) serve on the store recorded, else the default. */
    static String base(String given, Store app) {
        return given != null ? given : app.workers().publicAddress().orElse(DEFAULT_BASE_URL);
    }

    static String inviteUrl(String baseUrl, String secret) {
        return (baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl) + "/invite/" + secret;
    }
}
