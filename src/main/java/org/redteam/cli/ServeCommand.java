package org.redteam.cli;

import io.javalin.Javalin;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.redteam.App;
import org.redteam.Platform;
import org.redteam.config.CampaignConfig;
import org.redteam.config.CampaignConfigLoader;
import org.redteam.config.DemoCampaign;
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
        description = "Run the platform: red teamers' pages, the admin view and the JSON API.")
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
        Platform app = App.start(store.location(), campaign, Clock.systemUTC());
        Optional<WorkerService.NewWorker> admin = app.store().workers().ensureFirstAdmin();
        Javalin server = WebServer.create(app.web(), Optional.ofNullable(baseUrl),
                ConnectionLimits.DEFAULT.withConnectionsPerAddress(connectionsPerAddress));
        server.start(host, port);
        app.store().scoring().scoreUnscoredLater();
        String url = Optional.ofNullable(baseUrl).orElse("http://localhost:" + server.port());
        var out = spec.commandLine().getOut();
        out.printf("redteam is running at %s%n", url);
        out.printf("campaign: %s (%d targets%s)%n", campaign.name(), campaign.targets().size(),
                app.campaigns().campaign().allDemo() ? ", all on the offline demo backend" : "");
        out.printf("store: %s%n", store.location().description());
        out.printf("preference model: %s (loaded when first needed)%n", campaign.preferenceModel().describe());
        admin.ifPresent(a -> out.printf("first start: admin sign-in link (works once, expires in %d days): %s/invite/%s%n",
                WorkerService.INVITE_LENGTH.toDays(), url, a.inviteSecret()));
        out.printf("started in %d ms; press Ctrl+C to stop%n", (System.nanoTime() - start) / 1_000_000);
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            app.close();
            stopped.countDown();
        }, "redteam-shutdown"));
        stopped.await();
        return 0;
    }
}
