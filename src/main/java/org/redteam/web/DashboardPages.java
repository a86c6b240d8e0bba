package org.redteam.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.redteam.App;
import org.redteam.analysis.AnalysisResult;
import org.redteam.analysis.AnalysisSource;
import org.redteam.analysis.AttackAnalysis;
import org.redteam.analysis.Attacks;
import org.redteam.analysis.report.AnalysisOutput;
import org.redteam.analysis.report.ReportPage;
import org.redteam.worker.Role;

/**
 * The live campaign dashboard for admins: the figures and tables of {@code redteam analyze}, computed from the
 * store on each request over the running campaign's submitted attempts (imported ones included when imported
 * into this campaign). The page is the analysis report itself: static SVG, no script.
 */
final class DashboardPages {
    /** Fewer resamples than the CLI's default, so the page answers quickly; {@code ?resamples=} raises it. */
    static final int DEFAULT_RESAMPLES = 300;
    static final int MAX_RESAMPLES = 5000;

    private final App app;
    private final Views views;

    DashboardPages(App app, Views views) {
        this.app = app;
        this.views = views;
    }

    void register(RoutesConfig routes) {
        routes.get("/admin/dashboard", this::dashboard);
    }

    private void dashboard(Context ctx) {
        Auth.worker(ctx, Role.ADMIN);
        int resamples = Params.queryInt(ctx, "resamples", DEFAULT_RESAMPLES, 0, MAX_RESAMPLES);
        long campaignId = app.campaigns().campaign().id();
        Attacks.Builder attacks = Attacks.builder();
        long records = app.exports().forEachReleased(OptionalLong.of(campaignId), attacks::add);
        if (records == 0) {
            views.render(ctx, "message.jte", new Pages.Message(Auth.page(ctx), "Dashboard",
                    "No submitted attempts in this campaign yet: the dashboard fills in as red teamers submit."));
            return;
        }
        AnalysisResult result = AttackAnalysis.run(attacks.build(), new AttackAnalysis.Settings(resamples, AttackAnalysis.DEFAULT_SEED));
        AnalysisSource source = AnalysisSource.store("campaign '" + app.campaigns().campaign().config().name()
                + "' in this platform's store, live", records);
        ctx.header("Cache-Control", "no-store");
        ctx.html(AnalysisOutput.html(new ReportPage(result, source, ReportPage.Charts.of(result), List.of(), Optional.empty())));
    }
}
