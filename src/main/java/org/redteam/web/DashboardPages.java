package org.redteam.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import org.redteam.admin.AdminService;
import org.redteam.demographics.Demographics;
import org.redteam.campaign.CampaignService;
import org.redteam.worker.Worker;
import org.redteam.analysis.AnalysisResult;
import org.redteam.analysis.report.AnalysisOutput;
import org.redteam.analysis.report.ReportPage;
import org.redteam.worker.Role;

/**
 * The live campaign dashboard for admins: the figures and tables of {@code redteam analyze}, computed from the
 * store on each request over the running campaign's submitted attempts (imported ones included when imported
 * into this campaign). The page is the analysis report itself: static SVG, no script.
 */
final class DashboardPages {
    private final AdminService admin;
    private final CampaignService campaigns;
    private final Views views;
    private final Demographics demographics;

    DashboardPages(AdminService admin, CampaignService campaigns, Views views, Demographics demographics) {
        this.demographics = demographics;
        this.admin = admin;
        this.campaigns = campaigns;
        this.views = views;
    }

    void register(RoutesConfig routes) {
        routes.get("/admin/dashboard", this::dashboard);
    }

    private void dashboard(Context ctx) {
        Worker worker = Auth.worker(ctx, Role.ADMIN);
        int resamples = Params.queryInt(ctx, "resamples", AdminService.DASHBOARD_RESAMPLES, 0, AdminService.MAX_DASHBOARD_RESAMPLES);
        Optional<AdminService.Dashboard> dashboard = admin.dashboard(worker, resamples);
        if (dashboard.isEmpty()) {
            views.render(ctx, "adminMessage.jte", new Pages.AdminMessage(Auth.page(ctx), "dashboard", "Dashboard",
                    "No submitted attempts in this campaign yet: the dashboard fills in as red teamers submit."));
            return;
        }
        AnalysisResult result = dashboard.get().result();
        ctx.header("Cache-Control", "no-store");
        ctx.html(withNav(AnalysisOutput.html(new ReportPage(result, dashboard.get().source(), ReportPage.Charts.of(result), List.of(),
                Optional.empty(), Optional.of(dashboard.get().agreement()), dashboard.get().effort(), dashboard.get().judges(),
                dashboard.get().signals().map(org.redteam.analysis.report.SignalSection::new)))));
    }

    /**
     * The report with the admin navigation bar at the top of its body and, when the campaign asks the demographics
     * questionnaire, the crowd's make-up (aggregate, suppressed below min_group) at the end.
     */
    private String withNav(String report) {
        String page = withNavOnly(report);
        if (!demographics.settings().enabled()) {
            return page;
        }
        int end = page.lastIndexOf("</body>");
        return page.substring(0, end) + views.render("demographicsReport.jte", java.util.Map.of("report", demographics.report()))
                + page.substring(end);
    }

    /**
     * The report is the same document {@code redteam analyze} writes (no admin links in a file); served here it
     * gets the admin navigation bar at the top of its body, and the coverage table (harm tag × target) under it.
     */
    private String withNavOnly(String report) {
        int body = report.indexOf("<body>");
        if (body < 0) {
            throw new IllegalStateException("the analysis report has no <body>");
        }
        int at = body + "<body>".length();
        return report.substring(0, at) + "\n" + views.render("adminNav.jte", java.util.Map.of("current", "dashboard"))
                + views.render("coverage.jte", java.util.Map.of("coverage", campaigns.coverage())) + report.substring(at);
    }
}
