package io.cqbench.workloads;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cqbench.harness.Strategies;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shaded jar end to end, as a user runs it: the smoke profile over every strategy and workload
 * must pass with every benchmark verified, and a broken strategy must fail its benchmark.
 */
class SmokeIT {
    private static final Path JAR = Path.of(System.getProperty("cqbench.jar", "target/cqbench.jar"));
    private static final Path WORK = Path.of("target", "it");

    private static final class Run {
        final int status;
        final String log;

        Run(int status, String log) {
            this.status = status;
            this.log = log;
        }
    }

    private static Run cqbench(String classpath, String... args) throws IOException, InterruptedException {
        Files.createDirectories(WORK);
        Path log = Files.createTempFile(WORK, "cqbench-", ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", classpath, "io.cqbench.harness.Cli"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(20, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("cqbench " + String.join(" ", args) + " timed out; log: " + log);
        }
        return new Run(process.exitValue(), Files.readString(log));
    }

    private static String tail(String log) {
        return log.length() <= 6000 ? log : log.substring(log.length() - 6000);
    }

    @Test
    void smokeProfileVerifiesEveryBenchmark() throws Exception {
        Path json = WORK.resolve("smoke-" + System.currentTimeMillis() + ".json").toAbsolutePath();

        Run run = cqbench(JAR.toString(), "run", "--profile", "smoke", "--out", json.toString());

        assertEquals(0, run.status, tail(run.log));
        JsonNode results = new ObjectMapper().readTree(json.toFile());
        Set<String> strategies = new TreeSet<>();
        Set<String> benchmarks = new TreeSet<>();
        for (JsonNode result : results) {
            strategies.add(result.path("params").path("strategy").asText());
            benchmarks.add(result.path("benchmark").asText());
            assertEquals("ops/s", result.path("primaryMetric").path("scoreUnit").asText());
            assertTrue(result.path("primaryMetric").path("score").asDouble() > 0, result.toString());
            double verified = result.path("secondaryMetrics").path("cqesVerified").path("score").asDouble();
            assertTrue(verified > 0, "cqesVerified missing or zero in " + result);
            if (result.path("benchmark").asText().endsWith(".traceReplay")) {
                assertTrue(result.path("params").path("trace").asText()
                    .matches("bundled:poll-multishot-128-eventfd\\.ftrace\\.txt\\.gz#sha256=[0-9a-f]{64}"), result.toString());
            }
        }
        assertEquals(new TreeSet<>(Strategies.load().aliases()), strategies);
        assertEquals(Set.of(MultishotPollBenchmark.class.getName() + ".multishotPoll",
            MultishotRecvBenchmark.class.getName() + ".multishotRecv",
            TraceReplayBenchmark.class.getName() + ".traceReplay"), benchmarks);
        // The smoke profile runs 4 parameter combinations of each modeled workload and 1 replay.
        assertEquals(strategies.size() * 9, results.size());
        String summary = Files.readString(json.resolveSibling(json.getFileName().toString().replace(".json", ".summary.txt")));
        assertTrue(summary.contains("vs per-cqe-lock"), summary);
        assertTrue(run.log.contains("vs unsynchronized"), tail(run.log));

        JsonNode metadata = new ObjectMapper().readTree(
            json.resolveSibling(json.getFileName().toString().replace(".json", ".meta.json")).toFile());
        assertEquals("smoke", metadata.path("profile").asText());
        assertEquals(List.of("cqbench", "run", "--profile", "smoke", "--out", json.toString()),
            new ObjectMapper().convertValue(metadata.path("commandLine"), List.class));
        assertEquals(strategies.size(), metadata.path("strategies").size());
        assertEquals(Runtime.getRuntime().availableProcessors(), metadata.path("host").path("cores").asInt());
        assertTrue(metadata.path("jvm").path("forkJvmArgs").toString().contains("-Dagrona.disable.bounds.checks=true"),
            metadata.toString());
        assertTrue(metadata.path("traces").get(0).path("sha256").asText().matches("[0-9a-f]{64}"), metadata.toString());
        assertEquals(results.size(), metadata.path("benchmarksPassed").asInt());
    }

    @Test
    void compareFlagsDeliberatelySlowerStrategy() throws Exception {
        String classpath = fixtureClasspath(SlowableProvider.class.getName());
        String[] quick = {"run", "--strategies", "fixture-slowable", "--workloads", "multishot-poll", "--profile", "smoke"};
        Path base = WORK.resolve("compare-base-" + System.currentTimeMillis() + ".json").toAbsolutePath();
        Path same = WORK.resolve("compare-same-" + System.currentTimeMillis() + ".json").toAbsolutePath();
        Path slow = WORK.resolve("compare-slow-" + System.currentTimeMillis() + ".json").toAbsolutePath();
        String[] jmh = {"--", "-f", "2", "-i", "3", "-p", "entries=512", "-p", "cancelEvery=0"};

        assertEquals(0, cqbench(classpath, concat(quick, new String[] {"--out", base.toString()}, jmh)).status);
        assertEquals(0, cqbench(classpath, concat(quick, new String[] {"--out", same.toString()}, jmh)).status);
        Run slowRun = cqbench(classpath, concat(quick, new String[] {"--out", slow.toString()}, jmh,
            new String[] {"-jvmArgsAppend", "-Dcqbench.fixture.delayTokens=200"}));
        assertEquals(0, slowRun.status, tail(slowRun.log));

        Run unchanged = cqbench(JAR.toString(), "compare", base.toString(), same.toString(), "--fail-on-regression", "25");
        assertEquals(0, unchanged.status, unchanged.log);
        assertTrue(unchanged.log.contains("strategy=fixture-slowable"), unchanged.log);

        Run slower = cqbench(JAR.toString(), "compare", base.toString(), slow.toString(), "--fail-on-regression", "25");
        assertEquals(1, slower.status, slower.log);
        assertTrue(slower.log.contains("REGRESSION"), slower.log);
        assertTrue(slower.log.contains("1 significant regression(s) larger than 25.0%"), slower.log);
    }

    private static String[] concat(String[]... parts) {
        List<String> all = new ArrayList<>();
        for (String[] part : parts) {
            all.addAll(List.of(part));
        }
        return all.toArray(new String[0]);
    }

    /** Returns a class path with the jar, the test classes and a services file naming {@code provider}. */
    private static String fixtureClasspath(String provider) throws IOException {
        Files.createDirectories(WORK);
        Path services = Files.createTempDirectory(WORK, "services-");
        Path file = services.resolve("META-INF/services/io.cqbench.spi.CqPosterProvider");
        Files.createDirectories(file.getParent());
        Files.writeString(file, provider + "\n");
        return JAR + File.pathSeparator + Path.of("target", "test-classes").toAbsolutePath()
            + File.pathSeparator + services.toAbsolutePath();
    }

    @Test
    void brokenStrategyFailsItsBenchmark() throws Exception {
        String classpath = fixtureClasspath(DropsOneProvider.class.getName());
        Path json = WORK.resolve("broken-" + System.currentTimeMillis() + ".json").toAbsolutePath();

        Run run = cqbench(classpath, "run", "--profile", "smoke", "--strategies", "broken-drops-one",
            "--workloads", "multishot-poll", "--out", json.toString());

        assertEquals(1, run.status, tail(run.log));
        assertTrue(run.log.contains("ordering violation"), tail(run.log));
        assertTrue(run.log.contains("were never reaped"), tail(run.log));
        assertTrue(run.log.contains("FAILED multishot-poll x broken-drops-one: 4 of 4 benchmark(s) failed, first error:"
            + " io.cqbench.harness.OrderingViolation: ordering violation in strategy DropsMultishot"), tail(run.log));
        assertEquals(0, new ObjectMapper().readTree(json.toFile()).size(), "a failed benchmark publishes no score");
    }
}
