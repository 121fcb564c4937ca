package io.cqbench.harness;

import io.cqbench.spi.Setting;
import org.openjdk.jmh.results.RunResult;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Fills a {@link RunMetadata} from the JVM, the machine, the checkout and the run's plans and results. */
final class MetadataCollector {
    private MetadataCollector() {
    }

    /** Collects what is known when a run starts. */
    static RunMetadata atStart(List<String> commandLine, Profile profile, List<RunPlan> plans) {
        RunMetadata metadata = new RunMetadata();
        metadata.start = Instant.now().toString();
        metadata.commandLine.addAll(commandLine);
        metadata.profile = profile.label();
        Package harness = MetadataCollector.class.getPackage();
        metadata.cqbenchVersion = harness.getImplementationVersion() != null ? harness.getImplementationVersion() : "unknown";
        metadata.git = git(Path.of(System.getProperty("cqbench.home", ".")));

        metadata.jvm.vendor = System.getProperty("java.vendor");
        metadata.jvm.version = System.getProperty("java.runtime.version");
        metadata.jvm.vmName = System.getProperty("java.vm.name");
        metadata.jvm.javaHome = System.getProperty("java.home");

        metadata.host.os = System.getProperty("os.name");
        String distribution = firstValue(Path.of("/etc/os-release"), "PRETTY_NAME", '=');
        metadata.host.distribution = distribution == null ? null : distribution.replace("\"", "");
        metadata.host.kernel = System.getProperty("os.version");
        metadata.host.arch = System.getProperty("os.arch");
        metadata.host.cores = Runtime.getRuntime().availableProcessors();
        metadata.host.cpuModel = firstValue(Path.of("/proc/cpuinfo"), "model name", ':');
        String memTotal = firstValue(Path.of("/proc/meminfo"), "MemTotal", ':');
        if (memTotal != null && memTotal.endsWith(" kB")) {
            metadata.host.memoryBytes = Long.parseLong(memTotal.substring(0, memTotal.length() - 3).trim()) * 1024;
        }
        try {
            metadata.host.hostname = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            metadata.host.hostname = null;
        }

        for (RunPlan plan : plans) {
            addStrategy(metadata, plan);
            List<String> traces = plan.params.get("trace");
            if (traces != null) {
                for (String trace : traces) {
                    addTrace(metadata, trace);
                }
            }
        }
        return metadata;
    }

    /** Adds what is known when the run ends. */
    static void atEnd(RunMetadata metadata, Collection<RunResult> results, int planned, Collection<String> failedPairs) {
        metadata.end = Instant.now().toString();
        metadata.benchmarksPlanned = planned;
        metadata.benchmarksPassed = results.size();
        metadata.failedPairs.addAll(failedPairs);
        for (RunResult result : results) {
            metadata.jvm.forkJvmArgs = new ArrayList<>(result.getParams().getJvmArgs());
            break;
        }
    }

    private static void addStrategy(RunMetadata metadata, RunPlan plan) {
        if (plan.strategy == null) {
            return;
        }
        for (RunMetadata.StrategyRun known : metadata.strategies) {
            if (known.alias.equals(plan.strategy.alias())) {
                return;
            }
        }
        RunMetadata.StrategyRun strategy = new RunMetadata.StrategyRun();
        strategy.alias = plan.strategy.alias();
        strategy.producerModel = plan.strategy.producerModel().name();
        for (Setting setting : plan.strategy.settings()) {
            List<String> values = plan.params.get(setting.name());
            strategy.settings.put(setting.name(), values != null ? values : List.of(setting.defaultValue()));
        }
        List<String> options = plan.params.get("options");
        if (options != null && !options.get(0).isEmpty()) {
            strategy.settings.put("options", options);
        }
        metadata.strategies.add(strategy);
    }

    private static void addTrace(RunMetadata metadata, String pinned) {
        int mark = pinned.indexOf("#sha256=");
        RunMetadata.TraceInput trace = new RunMetadata.TraceInput();
        trace.location = mark < 0 ? pinned : pinned.substring(0, mark);
        trace.sha256 = mark < 0 ? null : pinned.substring(mark + "#sha256=".length());
        for (RunMetadata.TraceInput known : metadata.traces) {
            if (known.location.equals(trace.location)) {
                return;
            }
        }
        metadata.traces.add(trace);
    }

    /** Returns the commit and dirty flag of the checkout at {@code home}, or {@code null} without git. */
    private static RunMetadata.Git git(Path home) {
        String commit = command(home, "git", "rev-parse", "HEAD");
        if (commit == null) {
            return null;
        }
        RunMetadata.Git git = new RunMetadata.Git();
        git.commit = commit.trim();
        String status = command(home, "git", "status", "--porcelain", "--untracked-files=no");
        git.dirty = status == null || !status.isBlank();
        return git;
    }

    private static String command(Path dir, String... command) {
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return null;
            }
            return output;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Returns the value of the first {@code key<separator>value} line of a system file, or {@code null}. */
    private static String firstValue(Path file, String key, char separator) {
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int colon = line.indexOf(separator);
                if (colon > 0 && line.substring(0, colon).trim().equals(key)) {
                    return line.substring(colon + 1).trim();
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }
}
