package io.cqbench.harness;

import org.openjdk.jmh.profile.ProfilerException;
import org.openjdk.jmh.profile.ProfilerFactory;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.ProfilerConfig;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Optional;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Parses the JMH options given after {@code --} and rejects, before any benchmark starts, those that JMH
 * would reject later in the run and those that it accepts but cqbench cannot run as asked.
 */
final class JmhOptions {
    private JmhOptions() {
    }

    /**
     * Parses and checks {@code args} for a run of {@code workloads}, and throws {@link UsageException}
     * naming the first invalid option.
     */
    static CommandLineOptions parse(String[] args, List<WorkloadSpec> workloads) {
        CommandLineOptions options;
        try {
            options = new CommandLineOptions(args);
        } catch (CommandLineOptionException e) {
            throw new UsageException("invalid JMH options after --: " + e.getMessage());
        } catch (IllegalStateException | IllegalArgumentException e) {
            // JMH 1.37 reports an unknown -bm mode this way, over two lines.
            throw new UsageException("invalid JMH options after --: " + e.getMessage().replace("\n", "; "));
        }
        checkSelection(options);
        checkProfilers(options);
        checkForks(options);
        checkIterationTimes(options);
        checkThreads(options, workloads);
        checkJvm(options);
        return options;
    }

    private static void checkSelection(CommandLineOptions options) {
        if (!options.getIncludes().isEmpty()) {
            throw new UsageException("benchmark patterns " + options.getIncludes() + " after -- are not supported;"
                + " select benchmarks with --workloads and --strategies");
        }
        if (!options.getExcludes().isEmpty()) {
            throw new UsageException("-e " + String.join(",", options.getExcludes()) + " is not supported;"
                + " select benchmarks with --workloads and --strategies");
        }
    }

    private static void checkProfilers(CommandLineOptions options) {
        for (ProfilerConfig profiler : options.getProfilers()) {
            try {
                ProfilerFactory.getProfilerOrException(profiler);
            } catch (ProfilerException e) {
                throw new UsageException("invalid profiler -prof " + profiler.getKlass() + ": " + e.getMessage()
                    + "; java -jar workloads/target/cqbench.jar -lprof lists the profilers");
            }
        }
    }

    private static void checkForks(CommandLineOptions options) {
        if (options.getForkCount().hasValue() && options.getForkCount().get() == 0) {
            throw new UsageException("invalid -f 0: cqbench runs every benchmark in a forked JVM, which gets the"
                + " workloads' JVM options (such as Agrona's --add-exports) and which cqbench can kill when it"
                + " exceeds the time limit; use -f 1 or more");
        }
    }

    private static void checkIterationTimes(CommandLineOptions options) {
        // JMH reads a zero time as "no time limit", meant for single-shot mode.
        if (isZero(options.getWarmupTime())) {
            throw new UsageException("invalid -w 0: the warm-up iteration time must be positive, such as 200ms;"
                + " use -wi 0 to skip the warm-up");
        }
        if (isZero(options.getMeasurementTime())) {
            throw new UsageException("invalid -r 0: the measurement iteration time must be positive, such as 1s");
        }
    }

    private static boolean isZero(Optional<TimeValue> time) {
        return time.hasValue() && time.get().getTime() == 0;
    }

    private static void checkThreads(CommandLineOptions options, List<WorkloadSpec> workloads) {
        if (options.getThreads().hasValue() && options.getThreads().get() != 1) {
            int threads = options.getThreads().get();
            throw new UsageException("invalid -t " + (threads < 0 ? "max" : Integer.toString(threads))
                + ": every workload runs one CQ per thread group, so more threads would measure separate CQs"
                + " side by side, not producers sharing one; use -t 1, and -tg to size iowq-mixed's roles");
        }
        if (!options.getThreadGroups().hasValue()) {
            return;
        }
        int[] counts = options.getThreadGroups().get();
        String value = java.util.Arrays.toString(counts).replaceAll("[\\[\\] ]", "");
        for (WorkloadSpec workload : workloads) {
            List<String> roles = workload.threadGroupRoles();
            if (roles.isEmpty()) {
                throw new UsageException("-tg " + value + " is not supported by workload " + workload.name()
                    + ", which runs on one thread; select only workloads with thread groups (iowq-mixed) with"
                    + " --workloads, or leave -tg out");
            }
            if (counts.length != roles.size()) {
                throw new UsageException("invalid -tg " + value + ": workload " + workload.name() + " has " + roles.size()
                    + " roles, " + String.join(", ", roles) + ", so give " + roles.size() + " thread counts, such as -tg 1,2");
            }
            if (counts[0] != 1) {
                throw new UsageException("invalid -tg " + value + ": workload " + workload.name() + " reaps on exactly one "
                    + roles.get(0) + " thread, so the first count must be 1");
            }
            for (int i = 1; i < counts.length; i++) {
                if (counts[i] < 1) {
                    throw new UsageException("invalid -tg " + value + ": " + roles.get(i) + " of workload "
                        + workload.name() + " needs at least 1 thread");
                }
            }
        }
    }

    private static void checkJvm(CommandLineOptions options) {
        if (!options.getJvm().hasValue()) {
            return;
        }
        String jvm = options.getJvm().get();
        if (!isExecutable(jvm)) {
            throw new UsageException("invalid -jvm " + jvm + ": not an executable file; give the path of a java"
                + " binary, such as /usr/lib/jvm/java-17-openjdk-amd64/bin/java");
        }
    }

    /** Returns whether {@code command} is an executable file, looked up on PATH when it is a bare name. */
    private static boolean isExecutable(String command) {
        if (command.isEmpty()) {
            return false;
        }
        if (command.contains(File.separator)) {
            Path path = Path.of(command);
            return Files.isRegularFile(path) && Files.isExecutable(path);
        }
        String searchPath = System.getenv("PATH");
        if (searchPath == null) {
            return false;
        }
        for (String dir : searchPath.split(File.pathSeparator)) {
            Path path = Path.of(dir.isEmpty() ? "." : dir, command);
            if (Files.isRegularFile(path) && Files.isExecutable(path)) {
                return true;
            }
        }
        return false;
    }
}
