package org.redteam.testing;

import io.javalin.Javalin;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.redteam.App;
import org.redteam.Platform;
import org.redteam.backend.ModelBackend;
import org.redteam.target.TargetFactory;
import org.redteam.config.CampaignConfig;
import org.redteam.config.DemoCampaign;
import org.redteam.judge.Judge;
import org.redteam.scoring.PreferenceModel;
import org.redteam.storage.StoreLocation;
import org.redteam.web.PublicAddress;
import org.redteam.web.WebServer;
import org.redteam.worker.Role;
import org.redteam.worker.Worker;
import org.redteam.worker.WorkerService;

/** The whole platform on a temporary SQLite store (or a given one, e.g. PostgreSQL), served on a free loopback port: what tests run against. */
public final class TestPlatform implements AutoCloseable {
    private final Platform app;
    private final Javalin server;

    private TestPlatform(Platform app, Javalin server) {
        this.app = app;
        this.server = server;
    }

    public static TestPlatform start(Path dir) {
        return start(dir, DemoCampaign.config());
    }

    public static TestPlatform start(Path dir, CampaignConfig config) {
        return start(dir, config, App.targets());
    }

    /** Every target of the campaign answers from {@code backend}. */
    public static TestPlatform start(Path dir, CampaignConfig config, ModelBackend backend) {
        return start(dir, config, new TargetFactory((id, spec) -> backend));
    }

    /** Attempts are scored by a {@link FakePreferenceModel#minusLength()}, never the real model (slow to load). */
    public static TestPlatform start(Path dir, CampaignConfig config, TargetFactory targets) {
        return start(dir, config, targets, FakePreferenceModel.minusLength());
    }

    public static TestPlatform start(Path dir, CampaignConfig config, TargetFactory targets, PreferenceModel model) {
        return start(StoreLocation.directory(dir), config, targets, model);
    }

    // The same on any store, e.g. a fresh PostgreSQL database from Postgres.freshDatabase().

    public static TestPlatform start(StoreLocation store) {
        return start(store, DemoCampaign.config());
    }

    public static TestPlatform start(StoreLocation store, CampaignConfig config) {
        return start(store, config, App.targets());
    }

    public static TestPlatform start(StoreLocation store, CampaignConfig config, ModelBackend backend) {
        return start(store, config, new TargetFactory((id, spec) -> backend));
    }

    public static TestPlatform start(StoreLocation store, CampaignConfig config, TargetFactory targets) {
        return start(store, config, targets, FakePreferenceModel.minusLength());
    }

    public static TestPlatform start(StoreLocation store, CampaignConfig config, TargetFactory targets, PreferenceModel model) {
        return start(store, config, targets, model, Clock.systemUTC());
    }

    /** With the platform's clock in the test's hand, e.g. a {@link MutableClock}. */
    public static TestPlatform start(Path dir, CampaignConfig config, Clock clock) {
        return start(StoreLocation.directory(dir), config, App.targets(), FakePreferenceModel.minusLength(), clock);
    }

    public static TestPlatform start(StoreLocation store, CampaignConfig config, TargetFactory targets, PreferenceModel model,
                                     Clock clock) {
        return start(App.at(store).clock(clock).targets(targets).preferenceModel(model), config);
    }

    /** Every target answers from {@code backend}; the campaign's judges are {@code judges} (test judges). */
    public static TestPlatform start(StoreLocation store, CampaignConfig config, ModelBackend backend, List<Judge> judges) {
        return start(App.at(store).targets(new TargetFactory((id, spec) -> backend))
                .preferenceModel(FakePreferenceModel.minusLength()).judges(judges), config);
    }

    /** The platform {@code builder} starts (other attacks for replay, other replay settings, …), served. */
    public static TestPlatform start(App.Builder builder, CampaignConfig config) {
        Platform app = builder.start(config);
        Javalin server = WebServer.create(app.web(), PublicAddress.of(Optional.empty())).start("127.0.0.1", 0);
        return new TestPlatform(app, server);
    }

    public Platform app() {
        return app;
    }

    /** The running server, for tests that inspect its registered routes. */
    public Javalin server() {
        return server;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    public WorkerService.NewWorker addWorker(String name, Role... roles) {
        Set<Role> set = EnumSet.noneOf(Role.class);
        set.addAll(List.of(roles));
        return app.store().workers().add(name, set, Optional.empty());
    }

    /** A red teamer who has already consented to every topic, with an API client. */
    public ApiClient redTeamer(String name) {
        WorkerService.NewWorker created = addWorker(name, Role.RED_TEAMER);
        consent(created.worker());
        return new ApiClient(baseUrl(), created.token());
    }

    public void consent(Worker worker) {
        app.campaigns().consent(worker, app.campaigns().campaign().config().riskTopics());
    }

    public ApiClient client(String token) {
        return new ApiClient(baseUrl(), token);
    }

    @Override
    public void close() {
        server.stop();
        app.close();
    }
}
