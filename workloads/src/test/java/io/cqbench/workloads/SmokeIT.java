package io.cqbench.workloads;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cqbench.harness.Strategies;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shaded jar end to end, as a user runs it: the smoke profile over every strategy and workload
 * must pass with every benchmark verified, a broken strategy must fail its benchmark, a throwing or
 * hung strategy must fail alone, and a killed run must leave nothing behind that blocks the next.
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
        return cqbench(Duration.ofMinutes(20), classpath, args);
    }

    private static Run cqbench(Duration timeout, String classpath, String... args) throws IOException, InterruptedException {
        Path log = logFile();
        Process process = start(log, classpath, args);
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError("cqbench " + String.join(" ", args) + " ran longer than " + timeout.toSeconds() + " s; log: " + log);
        }
        return new Run(process.exitValue(), Files.readString(log));
    }

    private static Path logFile() throws IOException {
        Files.createDirectories(WORK);
        return Files.createTempFile(WORK, "cqbench-", ".log");
    }

    /** Starts the cqbench command line in a new JVM, with stdout and stderr going to {@code log}. */
    private static Process start(Path log, String classpath, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", classpath, "io.cqbench.harness.Cli"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
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
            String benchmark = result.path("benchmark").asText();
            benchmarks.add(benchmark);
            assertTrue(result.path("primaryMetric").path("score").asDouble() > 0, result.toString());
            if (benchmark.endsWith(".costBreakdown")) {
                // The breakdown runs the model classes without a strategy or a verifier.
                assertEquals("ns/op", result.path("primaryMetric").path("scoreUnit").asText());
                assertTrue(result.path("params").path("strategy").isMissingNode(), result.toString());
                continue;
            }
            strategies.add(result.path("params").path("strategy").asText());
            String unit = benchmark.endsWith(".roundTrip") ? "ns/op" : "ops/s";
            assertEquals(unit, result.path("primaryMetric").path("scoreUnit").asText(), benchmark);
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
            TraceReplayBenchmark.class.getName() + ".traceReplay", RoundTripBenchmark.class.getName() + ".roundTrip",
            CostBreakdownBenchmark.class.getName() + ".costBreakdown", IowqMixedBenchmark.class.getName() + ".iowqMixed"),
            benchmarks);
        // Per strategy, the smoke profile runs 4 parameter combinations of each multishot workload, 1 replay
        // and 2 round trips. Each strategy that accepts several producers adds 2 of iowq-mixed, and the cost
        // breakdown runs 5 steps at 2 batch sizes once.
        long manyProducers = Strategies.load().all().stream()
            .filter(provider -> provider.producerModel() == io.cqbench.spi.ProducerModel.MANY).count();
        assertEquals(strategies.size() * 11 + manyProducers * 2 + 10, results.size());
        String summary = Files.readString(json.resolveSibling(json.getFileName().toString().replace(".json", ".summary.txt")));
        assertTrue(summary.contains("vs per-cqe-lock"), summary);
        assertTrue(summary.contains("p99.9"), summary);
        assertTrue(summary.contains("p99.9 us"), summary);
        assertTrue(summary.contains("cost-breakdown  batch=16"), summary);
        assertTrue(summary.contains("not applicable iowq-mixed x unsynchronized: unsynchronized supports a single"
            + " producer"), summary);
        assertTrue(run.log.contains("cqbench: not applicable: iowq-mixed x lockless-tail"), tail(run.log));
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
        String classpath = fixtureClasspath(SlowableProvider.class);
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

    /** Returns a class path with the jar, the test classes and a services file naming {@code providers}. */
    private static String fixtureClasspath(Class<?>... providers) throws IOException {
        Files.createDirectories(WORK);
        Path services = Files.createTempDirectory(WORK, "services-");
        Path file = services.resolve("META-INF/services/io.cqbench.spi.CqPosterProvider");
        Files.createDirectories(file.getParent());
        Files.writeString(file, Arrays.stream(providers).map(Class::getName).collect(Collectors.joining("\n", "", "\n")));
        return JAR + File.pathSeparator + Path.of("target", "test-classes").toAbsolutePath()
            + File.pathSeparator + services.toAbsolutePath();
    }

    @Test
    void brokenStrategyFailsItsBenchmark() throws Exception {
        String classpath = fixtureClasspath(DropsOneProvider.class);
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

    @Test
    void throwingAndHungStrategiesFailAlone() throws Exception {
        String classpath = fixtureClasspath(FaultyProviders.Hangs.class, FaultyProviders.Throws.class);
        Path json = WORK.resolve("faults-" + System.currentTimeMillis() + ".json").toAbsolutePath();
        long start = System.nanoTime();

        // The hung strategy runs first, so the run has to go on after its fork is killed.
        Run run = cqbench(Duration.ofMinutes(2), classpath, "run", "--profile", "smoke", "--strategies",
            "fixture-hangs,per-cqe-lock,fixture-throws", "--workloads", "multishot-poll", "--time-limit", "10s",
            "--out", json.toString(), "--", "-p", "entries=512", "-p", "cancelEvery=0");

        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        assertEquals(1, run.status, tail(run.log));
        assertTrue(seconds < 60, "the run took " + seconds + " s with a time limit of 10 s per fork");
        String hung = "FAILED multishot-poll x fixture-hangs: 1 of 1 benchmark(s) failed, first error: benchmark"
            + " (cancelEvery = 0, commitCost = 0, entries = 512, eventfd = true, lock = -, options = , requests = 128, slots = -,"
            + " strategy = fixture-hangs, workPerCqe = 0) ran longer than the time limit of 10s, so cqbench killed its"
            + " fork; if it only needs more time, raise the limit, for example --time-limit 20s";
        String thrown = "FAILED multishot-poll x fixture-throws: 1 of 1 benchmark(s) failed, first error:"
            + " java.lang.IllegalStateException: fixture-throws failed on purpose at multishot CQE 1000";
        assertTrue(run.log.contains("cqbench: " + hung), tail(run.log));
        assertTrue(run.log.contains("cqbench: " + thrown), tail(run.log));

        JsonNode results = new ObjectMapper().readTree(json.toFile());
        assertEquals(1, results.size(), results.toString());
        assertEquals("per-cqe-lock", results.get(0).path("params").path("strategy").asText());
        assertTrue(results.get(0).path("secondaryMetrics").path("cqesVerified").path("score").asDouble() > 0);
        String summary = Files.readString(summaryOf(json));
        assertTrue(summary.contains(hung), summary);
        assertTrue(summary.contains(thrown), summary);
        JsonNode metadata = new ObjectMapper().readTree(metadataOf(json).toFile());
        assertEquals(1, metadata.path("benchmarksPassed").asInt(), metadata.toString());
        assertEquals(List.of("multishot-poll x fixture-hangs", "multishot-poll x fixture-throws"),
            new ObjectMapper().convertValue(metadata.path("failedPairs"), List.class));
    }

    @Test
    void killedRunLeavesNothingThatBlocksNextRun() throws Exception {
        String classpath = fixtureClasspath(FaultyProviders.Hangs.class);
        Files.createDirectories(WORK);
        Path dir = Files.createTempDirectory(WORK, "killed-").toAbsolutePath();
        Path json = dir.resolve("run.json");
        String[] jmh = {"--", "-p", "entries=512", "-p", "cancelEvery=0"};
        Path log = logFile();
        // The first pair completes; the kill comes while the second one's fork spins.
        Process run = start(log, classpath, concat(new String[] {"run", "--profile", "smoke", "--strategies",
            "per-cqe-lock,fixture-hangs", "--workloads", "multishot-poll", "--out", json.toString()}, jmh));
        ProcessHandle fork;
        try {
            fork = awaitFork(run, log, "[2/2] multishot-poll x fixture-hangs");
        } finally {
            run.destroyForcibly();
        }
        assertTrue(run.waitFor(30, TimeUnit.SECONDS), "the killed cqbench JVM did not exit");

        boolean forkExited = fork.onExit().completeOnTimeout(null, 30, TimeUnit.SECONDS).get() != null;
        fork.destroyForcibly();
        assertTrue(forkExited, "the hung fork ran on after its cqbench JVM was killed");
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(), left.collect(Collectors.toList()), "a killed run leaves no file");
        }

        // A temporary file from a run killed while writing its results must not block the next run either.
        Path stray = Files.writeString(dir.resolve(".run.json1234567890.tmp"), "[");
        Run next = cqbench(Duration.ofMinutes(2), classpath, concat(new String[] {"run", "--profile", "smoke",
            "--strategies", "per-cqe-lock", "--workloads", "multishot-poll", "--out", json.toString()}, jmh));
        assertEquals(0, next.status, tail(next.log));
        assertEquals(1, new ObjectMapper().readTree(json.toFile()).size());
        assertTrue(Files.exists(summaryOf(json)));
        assertTrue(Files.exists(metadataOf(json)));
        assertEquals("[", Files.readString(stray), "the next run leaves another run's temporary file alone");
    }

    /** Waits until the log shows {@code marker} and then a benchmark fork of {@code run}, and returns the fork. */
    private static ProcessHandle awaitFork(Process run, Path log, String marker) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (System.nanoTime() < deadline) {
            assertTrue(run.isAlive(), "cqbench exited before " + marker + "; log: " + tail(Files.readString(log)));
            if (Files.readString(log).contains(marker)) {
                Optional<ProcessHandle> fork = run.children()
                    .filter(child -> child.info().commandLine().orElse("").contains("org.openjdk.jmh.runner.ForkedMain"))
                    .findFirst();
                if (fork.isPresent()) {
                    return fork.get();
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no benchmark fork after " + marker + " within 1 minute; log: " + tail(Files.readString(log)));
    }

    private static Path summaryOf(Path json) {
        return json.resolveSibling(json.getFileName().toString().replace(".json", ".summary.txt"));
    }

    private static Path metadataOf(Path json) {
        return json.resolveSibling(json.getFileName().toString().replace(".json", ".meta.json"));
    }
}
