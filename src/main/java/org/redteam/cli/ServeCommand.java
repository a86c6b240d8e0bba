package org.redteam.cli;

import io.javalin.Javalin;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.redteam.App;
import org.redteam.Platform;
import org.redteam.config.CampaignConfig;
import org.redteam.config.CampaignConfigLoader;
import org.redteam.config.DemoCampaign;
import org.redteam.web.PublicAddress;
import org.redteam.storage.ServeLock;
import org.redteam.storage.StoreLocation;
import org.redteam.web.ConnectionLimits;
import org.redteam.web.WebServer;
import org.redteam.worker.WorkerService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code redteam serve}: the web platform on a store, with a campaign file or the built-in demo campaign. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run the platform: red teamers' pages, the admin view and the JSON API.",
            "%nCreates a new, empty store when there is none at --data/--db (and says so). One serve per SQLite store: "
                + "it holds DIR/serve.lock while it runs, and a second serve on the same directory is refused (exit 5) "
                + "with a message naming the running one; the other commands work while it runs. Several serve "
                + "processes may share one PostgreSQL store."})
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "7070", description = "HTTP port (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int port;

    @Option(names = "--host", defaultValue = "0.0.0.0", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--config", paramLabel = "campaign.yaml",
            description = "Campaign file; without it the demo campaign runs on the offline demo backend.")
    Path config;

    @Option(names = "--base-url", paramLabel = "URL",
            description = "Public address for invite links, e.g. https://redteam.example.org (default: the request's own).")
    String baseUrl;

    @Option(names = "--trusted-proxy", paramLabel = "IP",
            description = "Address of a reverse proxy whose X-Forwarded-Host/-Proto may name the public address in links "
                    + "(only used without --base-url).")
    String trustedProxy;

    @Option(names = "--connections-per-address", defaultValue = "64", paramLabel = "N",
            description = "Open connections one client address may hold (default: ${DEFAULT-VALUE}); 0 = no per-address "
                    + "limits. Behind a reverse proxy every client has the proxy's address: give 0 and limit in the proxy.")
    int connectionsPerAddress;

    @Mixin
    StoreOptions store;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        long start = System.nanoTime();
        CampaignConfig campaign = config == null ? DemoCampaign.config() : new CampaignConfigLoader().load(config);
        StoreLocation location = store.orNew();
        boolean created = !location.exists();
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ServeLock lock = ServeLock.acquire(location, holder(started, "starting on port " + port));
        Platform app;
        Javalin server;
        Optional<WorkerService.NewWorker> admin;
        try {
            app = App.start(location, campaign, Clock.systemUTC());
            try {
                admin = app.store().workers().ensureFirstAdmin();
                server = WebServer.create(app.web(), new PublicAddress(Optional.ofNullable(baseUrl), Optional.ofNullable(trustedProxy)),
                        ConnectionLimits.DEFAULT.withConnectionsPerAddress(connectionsPerAddress));
                server.start(host, port);
            } catch (RuntimeException e) {
                app.close();
                throw e;
            }
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
        app.store().scoring().scoreUnscoredLater();
        app.store().workers().rememberPublicAddress(Optional.ofNullable(baseUrl).orElse("http://localhost:" + server.port()));
        String url = Optional.ofNullable(baseUrl).orElse("http://localhost:" + server.port());
        lock.record(holder(started, "serving " + url + " (listening on " + host + ":" + server.port() + ")"));
        banner(url, campaign, app, location, created, admin, start);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            app.close();
            lock.close();
            stopped.countDown();
        }, "redteam-shutdown"));
        stopped.await();
        return 0;
    }

    private void banner(String url, CampaignConfig campaign, Platform app, StoreLocation location, boolean created,
            Optional<WorkerService.NewWorker> admin, long start) {
        var out = spec.commandLine().getOut();
        out.printf("redteam is running at %s%n", url);
        out.printf("campaign: %s (%d targets%s)%n", campaign.name(), campaign.targets().size(),
                app.campaigns().campaign().allDemo() ? ", all on the offline demo backend" : "");
        out.printf("store: %s%n", location.description());
        if (created) {
            out.printf("new store: there was no store at %s, so a new, empty one was created%n", location.description());
        }
        if (baseUrl == null) {
            out.printf("warning: no --base-url: invite links will say %s; give --base-url with the address people use%n",
                    trustedProxy == null ? url : "what the proxy at " + trustedProxy + " forwards");
        }
        out.printf("preference model: %s (loaded when first needed)%n", campaign.preferenceModel().describe());
        app.study().secret().ifPresent(secret -> out.printf("study link (crowd.open_study_link; the platform adds ?%s=<worker id>): "
                + "%s/study/%s%n", campaign.crowd().idParam(), url, secret));
        admin.ifPresent(a -> out.printf("first start: admin sign-in link (works once, expires in %d days): %s/invite/%s%n",
                WorkerService.INVITE_LENGTH.toDays(), url, a.inviteSecret()));
        out.printf("started in %d ms; press Ctrl+C to stop%n", (System.nanoTime() - start) / 1_000_000);
        out.flush();
    }

    /** Who this serve is, for the lock file and the message a second serve on the store gets. */
    private static String holder(Instant started, String doing) {
        String hostName;
        try {
            hostName = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            hostName = "an unknown host";
        }
        return "serve (pid " + ProcessHandle.current().pid() + " on " + hostName + ", started " + started + ") " + doing;
    }
}
