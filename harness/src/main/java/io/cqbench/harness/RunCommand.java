package io.cqbench.harness;

import io.cqbench.spi.CqConfig;
import io.cqbench.spi.CqPosterProvider;
import io.cqbench.spi.InvalidSettingException;
import io.cqbench.spi.Setting;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Optional;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * {@code cqbench run}: validates every input, plans each workload and strategy pair, runs them through
 * JMH one pair at a time (a failing pair does not stop the others, and a fork that exceeds the time limit
 * is killed), then writes JMH's JSON and a summary of ratios.
 */
final class RunCommand {
    private static final String ALLOW_UNSAFE = "--sun-misc-unsafe-memory-access=allow";

    private Profile profile = Profile.QUICK;
    private List<String> strategyAliases;
    private List<String> workloadNames;
    private Path out;
    private Duration timeLimit;
    private String[] jmhArgs = new String[0];
    private final List<String> commandLine = new ArrayList<>();

    private RunCommand() {
    }

    static RunCommand parse(String[] args) {
        RunCommand command = new RunCommand();
        command.commandLine.add("cqbench");
        command.commandLine.add("run");
        command.commandLine.addAll(Arrays.asList(args));
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--")) {
                command.jmhArgs = Arrays.copyOfRange(args, i + 1, args.length);
                break;
            }
            switch (arg) {
                case "--profile":
                    command.profile = Profile.parse(value(args, ++i, arg));
                    break;
                case "--strategies":
                    command.strategyAliases = list(value(args, ++i, arg), arg);
                    break;
                case "--workloads":
                    command.workloadNames = list(value(args, ++i, arg), arg);
                    break;
                case "--out":
                    command.out = Path.of(value(args, ++i, arg));
                    break;
                case "--time-limit":
                    command.timeLimit = ForkWatchdog.parseLimit(value(args, ++i, arg));
                    break;
                default:
                    throw new UsageException("unknown run option " + arg + "; valid options: --profile, --strategies,"
                        + " --workloads, --out, --time-limit, and JMH options after --");
            }
        }
        return command;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new UsageException(option + " needs a value: " + EXPECTED_VALUES.get(option));
        }
        return args[i];
    }

    private static final Map<String, String> EXPECTED_VALUES = Map.of(
        "--profile", "smoke, quick or full",
        "--strategies", "strategy aliases separated by commas; ./cqbench list shows them",
        "--workloads", "workload names separated by commas; ./cqbench list shows them",
        "--out", "a .json file that does not exist yet",
        "--time-limit", "the longest one benchmark fork may run, such as 90s, 10m or 2h");

    /**
     * Splits a comma-separated list of names, rejecting one named twice and an empty list; shared by
     * every command that takes strategy or workload names.
     */
    static List<String> list(String value, String option) {
        List<String> items = new ArrayList<>();
        for (String item : value.split(",")) {
            if (item.isBlank()) {
                continue;
            }
            if (items.contains(item.trim())) {
                throw new UsageException(option + " names " + item.trim() + " twice; name each once");
            }
            items.add(item.trim());
        }
        if (items.isEmpty()) {
            throw new UsageException(option + " needs at least one name");
        }
        return items;
    }

    int execute(PrintStream stdout, PrintStream stderr) {
        Strategies strategies = Strategies.load();
        Workloads workloads = Workloads.load();

        // Everything below is validated before the first benchmark starts.
        List<CqPosterProvider> selectedStrategies = new ArrayList<>();
        for (String alias : strategyAliases != null ? strategyAliases : strategies.aliases()) {
            selectedStrategies.add(strategies.get(alias));
        }
        List<WorkloadSpec> selectedWorkloads = new ArrayList<>();
        for (String name : workloadNames != null ? workloadNames : workloads.names()) {
            selectedWorkloads.add(workloads.get(name));
        }
        // The -p options are parsed first because their message on a malformed value is more helpful than JMH's.
        Map<String, List<String>> userParams = JmhParams.parse(jmhArgs);
        CommandLineOptions jmhOptions = JmhOptions.parse(jmhArgs, selectedWorkloads);
        JmhParams.validate(userParams, selectedStrategies, selectedWorkloads);
        ResultFiles files = ResultFiles.prepare(out, profile);
        checkNoOtherJmhRun();

        List<RunPlan> plans = new ArrayList<>();
        List<RunPlan> skipped = new ArrayList<>();
        for (WorkloadSpec workload : selectedWorkloads) {
            if (!workload.usesStrategy()) {
                plans.add(RunPlan.withoutStrategy(workload, profile, userParams));
                continue;
            }
            for (CqPosterProvider strategy : selectedStrategies) {
                RunPlan plan = RunPlan.of(workload, strategy, profile, userParams);
                (plan.notApplicable == null ? plans : skipped).add(plan);
            }
        }
        // A pair that cannot run is listed as not applicable. Only a named strategy that can run none of
        // the named workloads is an input error.
        if (strategyAliases != null && workloadNames != null) {
            for (CqPosterProvider strategy : selectedStrategies) {
                RunPlan firstSkipped = null;
                boolean runsAny = false;
                for (RunPlan plan : skipped) {
                    if (plan.strategy == strategy && firstSkipped == null) {
                        firstSkipped = plan;
                    }
                }
                for (RunPlan plan : plans) {
                    runsAny |= plan.strategy == strategy;
                }
                if (!runsAny && firstSkipped != null) {
                    throw new UsageException("cannot run " + firstSkipped.label() + ": " + firstSkipped.notApplicable
                        + "; leave " + firstSkipped.strategy.alias() + " out of --strategies, or select a workload it can run");
                }
            }
        }
        if (plans.isEmpty()) {
            throw new UsageException(selectedWorkloads.isEmpty()
                ? "no workloads on the class path; run cqbench through ./cqbench or workloads/target/cqbench.jar"
                : "no selected strategy can run the selected workloads");
        }

        int benchmarks = 0;
        int largestPair = 0;
        for (RunPlan plan : plans) {
            benchmarks += plan.benchmarkCount();
            largestPair = Math.max(largestPair, plan.benchmarkCount());
        }
        Duration forkLimit = timeLimit != null ? timeLimit
            : ForkWatchdog.defaultLimit(forkIterationMillis(jmhOptions, largestPair));
        stdout.printf("cqbench: %d benchmarks in %d workload/strategy pairs, profile %s, estimated %.1f min,"
                + " time limit per fork %s; results to %s%n", benchmarks, plans.size(), profile.label(),
            benchmarks * profile.secondsPerBenchmark() / 60, ForkWatchdog.format(forkLimit), files.json());
        for (RunPlan plan : skipped) {
            stdout.println("cqbench: not applicable: " + plan.label() + ": " + plan.notApplicable);
        }

        RunMetadata metadata = MetadataCollector.atStart(commandLine, profile, plans);
        List<RunResult> results = new ArrayList<>();
        Map<String, String> failures = new LinkedHashMap<>();
        long start = System.nanoTime();
        int done = 0;
        for (int i = 0; i < plans.size(); i++) {
            RunPlan plan = plans.get(i);
            long elapsed = System.nanoTime() - start;
            // Once benchmarks have run, their measured pace predicts the rest better than the profile's estimate.
            long left = done > 0 ? elapsed / done * (benchmarks - done)
                : (long) ((benchmarks - done) * profile.secondsPerBenchmark() * 1e9);
            stdout.printf("%ncqbench: [%d/%d] %s: benchmarks %d-%d of %d, %s elapsed, about %s left%n", i + 1,
                plans.size(), plan.label(), done + 1, done + plan.benchmarkCount(), benchmarks, minutes(elapsed),
                minutes(left));
            ErrorCapture capture = new ErrorCapture(stdout);
            Collection<RunResult> pairResults = List.of();
            String reason = null;
            try (ForkWatchdog watchdog = new ForkWatchdog(forkLimit, pid -> reportTimeout(capture, plan, pid, forkLimit))) {
                OutputFormat format = OutputFormatFactory.createFormatInstance(capture,
                    jmhOptions.verbosity().orElse(VerboseMode.NORMAL));
                pairResults = new Runner(options(plan, jmhOptions), format).run();
            } catch (RunnerException e) {
                reason = rootMessage(e);
            }
            capture.flush();
            results.addAll(pairResults);
            int missing = plan.benchmarkCount() - pairResults.size();
            if (missing > 0 || reason != null) {
                String error = capture.firstError() != null ? capture.firstError() : reason != null ? reason
                    : "no result; see the JMH output above";
                String failure = missing + " of " + plan.benchmarkCount() + " benchmark(s) failed, first error: " + error;
                failures.put(plan.label(), failure);
                stderr.println("cqbench: FAILED " + plan.label() + ": " + failure);
            }
            done += plan.benchmarkCount();
        }

        files.writeJson(results);
        Summary summary = Summary.of(results, workloads);
        String table = summary.format(failures, skipped);
        files.writeSummary(table);
        MetadataCollector.atEnd(metadata, results, done, failures.keySet());
        files.writeMetadata(metadata);
        stdout.println();
        stdout.print(table);
        stdout.printf("cqbench: %d of %d benchmarks passed in %s; JMH JSON: %s; summary: %s; metadata: %s%n",
            results.size(), done, minutes(System.nanoTime() - start), files.json(), files.summary(), files.metadata());
        if (!failures.isEmpty()) {
            stderr.println("cqbench: " + failures.size() + " workload/strategy pair(s) failed: " + failures.keySet());
            return 1;
        }
        return 0;
    }

    /**
     * Fails early when another JMH run holds JMH's lock file; JMH would otherwise start each fork only to
     * reject it, and two runs at once would disturb each other's numbers anyway.
     */
    private static void checkNoOtherJmhRun() {
        Path lock = Path.of(System.getProperty("java.io.tmpdir"), "jmh.lock");
        try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock held = channel.tryLock();
            if (held == null) {
                throw new UsageException("another JMH run holds " + lock + "; wait for it to finish, since two runs"
                    + " at once would disturb each other's numbers");
            }
            held.release();
        } catch (IOException e) {
            // JMH itself reports a lock file it cannot use; nothing to add here.
        }
    }

    /**
     * Returns the warm-up and measurement time of one fork in milliseconds, from the JMH options or else
     * the profile. A bulk warm-up ({@code -wm BULK}) warms up every benchmark of the pair in each fork.
     */
    private double forkIterationMillis(CommandLineOptions jmh, int benchmarksPerPair) {
        double warmup = jmh.getWarmupIterations().orElse(profile.warmupIterations())
            * millis(jmh.getWarmupTime(), profile.warmupMillis());
        double measurement = jmh.getMeasurementIterations().orElse(profile.measurementIterations())
            * millis(jmh.getMeasurementTime(), profile.measurementMillis());
        if (jmh.getWarmupMode().hasValue() && jmh.getWarmupMode().get().isBulk()) {
            warmup *= benchmarksPerPair;
        }
        return warmup + measurement;
    }

    private static double millis(Optional<TimeValue> time, int profileMillis) {
        return time.hasValue() ? time.get().convertTo(TimeUnit.MICROSECONDS) / 1000.0 : profileMillis;
    }

    /** Reports a fork killed at the time limit: at once in the output, and at the end as the pair's failure. */
    private static void reportTimeout(ErrorCapture capture, RunPlan plan, long pid, Duration limit) {
        String parameters = capture.currentParameters();
        Duration doubled = limit.multipliedBy(2).compareTo(ForkWatchdog.MAX_LIMIT) > 0 ? ForkWatchdog.MAX_LIMIT
            : limit.multipliedBy(2);
        String error = "benchmark " + (parameters != null ? parameters + " " : "") + "ran longer than the time limit of "
            + ForkWatchdog.format(limit) + ", so cqbench killed its fork; if it only needs more time, raise the limit,"
            + " for example --time-limit " + ForkWatchdog.format(doubled);
        capture.println();
        capture.println("cqbench: " + plan.label() + ", fork " + pid + ": " + error);
        capture.recordError(error);
    }

    private org.openjdk.jmh.runner.options.Options options(RunPlan plan, CommandLineOptions jmh) {
        ChainedOptionsBuilder builder = new OptionsBuilder().parent(jmh)
            .include("^" + Pattern.quote(plan.workload.benchmarkClass()) + "\\.")
            // A failing benchmark must not stop the others: failures are counted from missing results.
            .shouldFailOnError(false)
            // Reports nothing for workloads that record no latency.
            .addProfiler(LatencyProfiler.class);
        if (!jmh.getForkCount().hasValue()) {
            builder.forks(profile.forks());
        }
        if (!jmh.getWarmupIterations().hasValue()) {
            builder.warmupIterations(profile.warmupIterations());
        }
        if (!jmh.getWarmupTime().hasValue()) {
            builder.warmupTime(TimeValue.milliseconds(profile.warmupMillis()));
        }
        if (!jmh.getMeasurementIterations().hasValue()) {
            builder.measurementIterations(profile.measurementIterations());
        }
        if (!jmh.getMeasurementTime().hasValue()) {
            builder.measurementTime(TimeValue.milliseconds(profile.measurementMillis()));
        }
        if (Runtime.version().feature() >= 24 && !jmh.getJvmArgsPrepend().hasValue()
            && !ManagementFactory.getRuntimeMXBean().getInputArguments().contains(ALLOW_UNSAFE)) {
            // JDK 24+ warns on every fork that JMH, JCTools and Agrona use sun.misc.Unsafe memory access
            // methods; the flag only silences the warning. Forks inherit this JVM's own options, so the
            // flag is added only when this JVM was started without it.
            builder.jvmArgsPrepend(ALLOW_UNSAFE);
        }
        for (Map.Entry<String, List<String>> param : plan.params.entrySet()) {
            builder.param(param.getKey(), param.getValue().toArray(new String[0]));
        }
        return builder.build();
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return message != null ? message : cause.toString();
    }

    private static String minutes(long nanos) {
        long seconds = nanos / 1_000_000_000L;
        return String.format("%d:%02d", seconds / 60, seconds % 60);
    }

    /** Parsing and validation of {@code -p name=value,...} options. */
    static final class JmhParams {
        private JmhParams() {
        }

        /** Returns the {@code -p} options in {@code args}, in order; a later one for a name replaces an earlier. */
        static Map<String, List<String>> parse(String[] args) {
            Map<String, List<String>> params = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                if (!args[i].equals("-p")) {
                    continue;
                }
                if (i + 1 >= args.length || args[i + 1].indexOf('=') <= 0) {
                    throw new UsageException("-p needs name=value[,value...], for example -p slots=1,4,16,64");
                }
                String spec = args[++i];
                int eq = spec.indexOf('=');
                String name = spec.substring(0, eq);
                List<String> values = name.equals("options")
                    ? List.of(spec.substring(eq + 1))
                    : Arrays.asList(spec.substring(eq + 1).split(","));
                Set<String> distinct = new HashSet<>();
                for (String value : values) {
                    if (!distinct.add(value.trim())) {
                        throw new UsageException("-p " + spec + " lists " + value.trim() + " twice; JMH would run the"
                            + " same benchmark twice, so list each value once");
                    }
                }
                params.put(name, values);
            }
            return params;
        }

        /** Checks every parameter name and value against the selected strategies and workloads. */
        static void validate(Map<String, List<String>> params, List<CqPosterProvider> strategies, List<WorkloadSpec> workloads) {
            for (Map.Entry<String, List<String>> param : params.entrySet()) {
                String name = param.getKey();
                if (name.equals("strategy")) {
                    throw new UsageException("-p strategy is set by the harness; select strategies with --strategies");
                }
                if (name.equals("options")) {
                    validateOptions(param.getValue().get(0), strategies);
                } else if (StrategyParams.hasOwnParam(name)) {
                    validateSetting(name, param.getValue(), strategies);
                } else {
                    validateWorkloadParam(name, param.getValue(), workloads);
                    if (name.equals("entries")) {
                        validateEntries(param.getValue(), strategies);
                    }
                }
            }
        }

        private static void validateSetting(String name, List<String> values, List<CqPosterProvider> strategies) {
            boolean declared = false;
            for (CqPosterProvider strategy : strategies) {
                for (Setting setting : strategy.settings()) {
                    if (setting.name().equals(name)) {
                        declared = true;
                        for (String value : values) {
                            String problem = setting.validate(value);
                            if (problem != null) {
                                throw new UsageException("strategy " + strategy.alias() + ": " + problem);
                            }
                        }
                    }
                }
            }
            if (!declared) {
                throw new UsageException("no selected strategy has the setting " + name + "; see ./cqbench list");
            }
        }

        private static void validateOptions(String options, List<CqPosterProvider> strategies) {
            Map<String, String> settings;
            try {
                settings = StrategyParams.parseOptions(options);
            } catch (InvalidSettingException e) {
                throw new UsageException(e.getMessage());
            }
            for (CqPosterProvider strategy : strategies) {
                try {
                    CqConfig.of(strategy.alias(), strategy.settings(), 2, false, settings);
                } catch (InvalidSettingException e) {
                    throw new UsageException(e.getMessage() + "; -p options applies to every selected strategy,"
                        + " so select one with --strategies");
                }
            }
        }

        private static void validateEntries(List<String> values, List<CqPosterProvider> strategies) {
            for (String value : values) {
                for (CqPosterProvider strategy : strategies) {
                    try {
                        Strategies.checkEntries(strategy, Long.parseLong(value.trim()));
                    } catch (InvalidSettingException e) {
                        throw new UsageException(e.getMessage() + "; leave it out with --strategies or raise entries");
                    }
                }
            }
        }

        private static void validateWorkloadParam(String name, List<String> values, List<WorkloadSpec> workloads) {
            boolean declared = false;
            List<String> known = new ArrayList<>(List.of("slots", "lock", "options"));
            for (WorkloadSpec workload : workloads) {
                for (Setting param : workload.params()) {
                    known.add(param.name());
                    if (param.name().equals(name)) {
                        declared = true;
                        for (String value : values) {
                            String problem = param.validate(value);
                            if (problem != null) {
                                throw new UsageException("workload " + workload.name() + ": " + problem);
                            }
                        }
                    }
                }
            }
            if (!declared) {
                throw new UsageException("unknown parameter " + name + " for the selected workloads; valid parameters: "
                    + String.join(", ", new java.util.LinkedHashSet<>(known)));
            }
        }
    }
}
