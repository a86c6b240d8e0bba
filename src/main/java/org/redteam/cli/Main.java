package org.redteam.cli;

import java.io.PrintWriter;
import org.redteam.problem.RedteamException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code redteam} command line: parses, runs one subcommand, maps failures to exit codes once. */
@Command(name = "redteam", mixinStandardHelpOptions = true, version = "redteam 0.1.0",
        description = "Human red teaming of language models (Ganguli et al. 2022), self-hosted.",
        subcommands = {ServeCommand.class, TargetsCommand.class, PmCommand.class, UsersCommand.class, ImportCommand.class, ExportCommand.class,
            ScoreCommand.class, BenchCommand.class, AgreementCommand.class, AnalyzeCommand.class, JudgeCommand.class, SuiteCommand.class,
            ReplayCommand.class, AttackCommand.class, CompareCommand.class})
public final class Main implements Runnable {

    /** Exit codes; picocli itself uses 2 for a usage error. */
    static final int EXIT_FAILURE = 1;
    static final int EXIT_BAD_INPUT = 3;
    static final int EXIT_NOT_FOUND = 4;
    static final int EXIT_CONFLICT = 5;
    static final int EXIT_UNAVAILABLE = 6;
    /** {@code replay --fail-above}: a target's success rate exceeds the gate. */
    static final int EXIT_GATE = 7;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        commonPoolOfAtLeastTwo();
        System.exit(run(args));
    }

    /**
     * On a machine with fewer than 3 cores the JDK's common pool has one thread or none, and
     * {@code CompletableFuture} then starts a new thread for every asynchronous step; the JDK's HTTP
     * client takes such a step for every request it sends (one new thread per model call). Two
     * threads avoid that. Must run before anything touches {@code ForkJoinPool}; an explicit
     * {@code -Djava.util.concurrent.ForkJoinPool.common.parallelism} wins.
     */
    public static void commonPoolOfAtLeastTwo() {
        String key = "java.util.concurrent.ForkJoinPool.common.parallelism";
        if (System.getProperty(key) == null && Runtime.getRuntime().availableProcessors() < 3) {
            System.setProperty(key, "2");
        }
    }

    public static int run(String... args) {
        return commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true)).execute(args);
    }

    /** The command line writing to the given streams; tests call {@code execute} on it. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return commandLine(out, err, CommandLine.defaultFactory());
    }

    /** As {@link #commandLine(PrintWriter, PrintWriter)}, commands made by {@code factory} (tests give commands test parts). */
    static CommandLine commandLine(PrintWriter out, PrintWriter err, CommandLine.IFactory factory) {
        CommandLine cli = new CommandLine(new Main(), factory);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof RedteamException) {
                commandLine.getErr().println("error: " + e.getMessage());
            } else {
                commandLine.getErr().println("error: unexpected failure, please report it:");
                e.printStackTrace(commandLine.getErr());
            }
            commandLine.getErr().flush();
            return exitCode(e);
        });
        return cli;
    }

    static int exitCode(Exception e) {
        if (!(e instanceof RedteamException r)) {
            return EXIT_FAILURE;
        }
        return switch (r.kind()) {
            case BAD_INPUT -> EXIT_BAD_INPUT;
            case NOT_FOUND -> EXIT_NOT_FOUND;
            case CONFLICT -> EXIT_CONFLICT;
            case UNAVAILABLE -> EXIT_UNAVAILABLE;
            default -> EXIT_FAILURE;
        };
    }
}
