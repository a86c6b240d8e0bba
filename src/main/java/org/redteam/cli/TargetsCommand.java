package org.redteam.cli;

import org.redteam.App;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.redteam.backend.Completion;
import org.redteam.conversation.Message;
import org.redteam.config.CampaignConfig;
import org.redteam.config.CampaignConfigLoader;
import org.redteam.config.DemoCampaign;
import org.redteam.config.TargetConfig;
import org.redteam.problem.RedteamException;
import org.redteam.scoring.LazyPreferenceModel;
import org.redteam.target.Target;
import org.redteam.target.TargetFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code redteam targets check}: one short request to every target of a campaign file. */
@Command(name = "targets", mixinStandardHelpOptions = true, description = "Check a campaign's targets.",
        subcommands = {TargetsCommand.Check.class})
final class TargetsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Send one short request to each target; print target, backend, latency, and ok or the error. "
                    + "Exits 6 when any target fails.")
    static final class Check implements Callable<Integer> {
        static final String PROBE = "Hello! In one short sentence, what can you help me with?";

        @Option(names = "--config", paramLabel = "campaign.yaml", description = "Campaign file (default: the demo campaign).")
        Path config;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            CampaignConfig campaign = config == null ? DemoCampaign.config() : new CampaignConfigLoader().load(config);
            TargetFactory factory = App.targets().withPreferenceModel(LazyPreferenceModel.of(campaign.preferenceModel()));
            PrintWriter out = spec.commandLine().getOut();
            int failed = 0;
            for (int i = 0; i < campaign.targets().size(); i++) {
                TargetConfig tc = campaign.targets().get(i);
                String label = String.format("%-32s %-20s %-6s %-18s", tc.id(), tc.modelType(), tc.size(), tc.backend().kind());
                long start = System.nanoTime();
                try {
                    Target target = factory.create(i, tc);
                    List<Completion> answers = target.respond(List.of(Message.human(PROBE)), 2, 1);
                    long ms = (System.nanoTime() - start) / 1_000_000;
                    out.printf("%s %6d ms  ok: %s%n", label, ms, preview(answers.get(0).text()));
                } catch (RedteamException | IllegalStateException | IllegalArgumentException e) {
                    long ms = (System.nanoTime() - start) / 1_000_000;
                    out.printf("%s %6d ms  FAILED: %s%n", label, ms, e.getMessage());
                    failed++;
                }
                out.flush();
            }
            out.printf("%d of %d targets answered%n", campaign.targets().size() - failed, campaign.targets().size());
            out.flush();
            return failed == 0 ? 0 : Main.EXIT_UNAVAILABLE;
        }

        private static String preview(String text) {
            String line = text.strip().replaceAll("\\s+", " ");
            return line.length() <= 60 ? line : line.substring(0, 57) + "...";
        }
    }
}
