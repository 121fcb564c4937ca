package io.cqbench.harness;

import io.cqbench.spi.CqConfig;
import io.cqbench.spi.CqPoster;
import io.cqbench.spi.CqPosterProvider;
import io.cqbench.spi.FullBehavior;
import io.cqbench.spi.ProducerModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Invalid input to {@code cqbench run} and {@code list}: each case must exit with status 2 and one
 * clear message before any benchmark starts. No workload is on this module's class path, so a case
 * that passed validation would fail later with a different message.
 */
class RunCommandTest {
    @TempDir
    Path dir;

    private static final class Outcome {
        final int status;
        final String out;
        final String err;

        Outcome(int status, String out, String err) {
            this.status = status;
            this.out = out;
            this.err = err;
        }
    }

    private static Outcome cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void assertUsageError(Outcome outcome, String expected) {
        assertEquals(2, outcome.status, outcome.err);
        assertTrue(outcome.err.contains(expected), "stderr was: " + outcome.err);
        assertEquals("", outcome.out, "nothing runs before validation passes");
    }

    /**
     * Runs {@code cqbench run} with {@code --out} in the test's directory and checks that it was rejected
     * with {@code expected} before anything ran or was written.
     */
    private void assertRejected(String expected, String... runArgs) throws IOException {
        List<String> args = new ArrayList<>(List.of("run", "--out", dir.resolve("run.json").toString()));
        args.addAll(List.of(runArgs));

        Outcome outcome = cli(args.toArray(new String[0]));

        assertUsageError(outcome, expected);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.collect(Collectors.toList()), "nothing is written before validation passes");
        }
    }

    @Test
    void unknownStrategyListsValidOnes() {
        Outcome outcome = cli("run", "--strategies", "per-cqe-lok");

        assertUsageError(outcome, "unknown strategy per-cqe-lok; valid strategies: per-cqe-lock, deferred-array");
    }

    @Test
    void unknownCommand() {
        assertUsageError(cli("bench"), "unknown command bench; valid commands: list, run, verify-trace, compare, report, export, conform, stress, help");
    }

    @Test
    void unknownOption() {
        assertUsageError(cli("run", "--profiel", "smoke"), "unknown run option --profiel");
    }

    @Test
    void unknownProfile() {
        assertUsageError(cli("run", "--profile", "huge"), "unknown profile huge; valid profiles: smoke, quick, full");
    }

    @Test
    void missingOptionValue() {
        assertUsageError(cli("run", "--out"), "--out needs a value: a .json file that does not exist yet");
        assertUsageError(cli("run", "--profile"), "--profile needs a value: smoke, quick or full");
    }

    @Test
    void unknownProfiler() {
        assertUsageError(cli("run", "--", "-prof", "nosuchprof"), "invalid profiler -prof nosuchprof");
    }

    @Test
    void outputDirectoryMustExist() {
        Path missing = dir.resolve("no-such-dir").resolve("run.json");

        assertUsageError(cli("run", "--out", missing.toString()), "does not exist; create it first");
        assertTrue(Files.notExists(missing.getParent()), "the missing directory was not created");
    }

    @Test
    void outputMustNotBeDirectory() {
        assertUsageError(cli("run", "--out", dir.toString()), "is a directory; give a file name ending in .json");
    }

    @Test
    void slotsBelowOne() {
        assertUsageError(cli("run", "--", "-p", "slots=0"),
            "strategy deferred-array: invalid slots=0: expected an integer from 1 to 65536");
    }

    @Test
    void unknownLockKind() {
        assertUsageError(cli("run", "--", "-p", "lock=mutex"), "invalid lock=mutex: expected one of spin, reentrant");
    }

    @Test
    void settingNoSelectedStrategyHas() {
        assertUsageError(cli("run", "--strategies", "jctools-mpsc", "--", "-p", "slots=4"),
            "no selected strategy has the setting slots");
    }

    @Test
    void strategyParamReserved() {
        assertUsageError(cli("run", "--", "-p", "strategy=x"), "select strategies with --strategies");
    }

    @Test
    void invalidJmhOption() {
        assertUsageError(cli("run", "--", "-f", "many"), "invalid JMH options after --");
    }

    @Test
    void strategyNamedTwice() throws IOException {
        assertRejected("--strategies names per-cqe-lock twice; name each once", "--strategies", "per-cqe-lock,per-cqe-lock");
    }

    @Test
    void emptyStrategyList() throws IOException {
        assertRejected("--strategies needs at least one name", "--strategies", ",");
    }

    @Test
    void disruptorSlotsBelowOne() throws IOException {
        assertRejected("strategy disruptor: invalid slots=0: expected an integer from 1 to 65536",
            "--strategies", "disruptor", "--", "-p", "slots=0");
    }

    @Test
    void slotsNotAnInteger() throws IOException {
        assertRejected("strategy deferred-array: invalid slots=many: not an integer; expected an integer from 1 to 65536",
            "--strategies", "deferred-array", "--", "-p", "slots=many");
    }

    @Test
    void parameterValueListedTwice() throws IOException {
        assertRejected("-p slots=4,4 lists 4 twice", "--strategies", "deferred-array", "--", "-p", "slots=4,4");
    }

    @Test
    void parameterWithoutValue() throws IOException {
        assertRejected("-p needs name=value[,value...], for example -p slots=1,4,16,64", "--", "-p", "slots");
    }

    @Test
    void malformedStrategyOptions() throws IOException {
        assertRejected("invalid options entry 'slots': expected name=value, several separated by ';'",
            "--strategies", "deferred-array", "--", "-p", "options=slots");
    }

    @Test
    void strategyOptionNotDeclared() throws IOException {
        assertRejected("strategy deferred-array has no setting batch; its settings are: slots, lock",
            "--strategies", "deferred-array", "--", "-p", "options=batch=4");
    }

    @Test
    void invalidStrategyOptionValue() throws IOException {
        assertRejected("strategy deferred-array: invalid slots=0: expected an integer from 1 to 65536",
            "--strategies", "deferred-array", "--", "-p", "options=slots=0");
    }

    @Test
    void timeLimitOutOfRange() throws IOException {
        String range = ": expected a whole number with the unit ms, s, m or h, from 1s to 24h, such as 90s, 10m or 2h";
        assertRejected("invalid --time-limit 0s" + range, "--time-limit", "0s");
        assertRejected("invalid --time-limit 25h" + range, "--time-limit", "25h");
    }

    @Test
    void timeLimitNeedsUnit() throws IOException {
        assertRejected("invalid --time-limit 90: expected a whole number with the unit ms, s, m or h", "--time-limit", "90");
        assertRejected("invalid --time-limit 1.5m: expected a whole number", "--time-limit", "1.5m");
        assertRejected("invalid --time-limit -5s: expected a whole number", "--time-limit", "-5s");
    }

    @Test
    void timeLimitNeedsValue() {
        assertUsageError(cli("run", "--time-limit"), "--time-limit needs a value: the longest one benchmark fork may run");
    }

    @Test
    void inProcessRunRejected() throws IOException {
        assertRejected("invalid -f 0: cqbench runs every benchmark in a forked JVM", "--", "-f", "0");
    }

    @Test
    void negativeForks() throws IOException {
        assertRejected("The given value -1 should be non-negative", "--", "-f", "-1");
    }

    @Test
    void measurementIterationsBelowOne() throws IOException {
        assertRejected("The given value 0 should be positive", "--", "-i", "0");
    }

    @Test
    void negativeWarmupIterations() throws IOException {
        assertRejected("The given value -1 should be non-negative", "--", "-wi", "-1");
    }

    @Test
    void zeroMeasurementTime() throws IOException {
        assertRejected("invalid -r 0: the measurement iteration time must be positive, such as 1s", "--", "-r", "0ms");
    }

    @Test
    void zeroWarmupTime() throws IOException {
        assertRejected("invalid -w 0: the warm-up iteration time must be positive, such as 200ms; use -wi 0 to skip"
            + " the warm-up", "--", "-w", "0");
    }

    @Test
    void unparsableIterationTime() throws IOException {
        assertRejected("invalid JMH options after --: Cannot parse argument '1x' of option r", "--", "-r", "1x");
    }

    @Test
    void moreThanOneThread() throws IOException {
        assertRejected("invalid -t 2: every workload runs one CQ per thread group", "--", "-t", "2");
        assertRejected("invalid -t max: every workload", "--", "-t", "max");
    }

    @Test
    void threadGroupsRejectedForOneThreadWorkload() {
        UsageException e = assertThrows(UsageException.class,
            () -> JmhOptions.parse(new String[] {"-tg", "1,1"}, List.of(new FakeWorkload(1, true))));
        assertTrue(e.getMessage().startsWith("-tg 1,1 is not supported by workload fake-workload, which runs on one thread"),
            e.getMessage());
    }

    @Test
    void threadGroupsCheckedAgainstRoles() {
        List<WorkloadSpec> grouped = List.of(new FakeWorkload(2, false, List.of("consume", "produce")));

        assertEquals(3, JmhOptions.parse(new String[] {"-tg", "1,3"}, grouped).getThreadGroups().get()[1]);
        assertTrue(assertThrows(UsageException.class, () -> JmhOptions.parse(new String[] {"-tg", "1,1,1"}, grouped))
            .getMessage().startsWith("invalid -tg 1,1,1: workload fake-workload has 2 roles, consume, produce"));
        assertTrue(assertThrows(UsageException.class, () -> JmhOptions.parse(new String[] {"-tg", "2,1"}, grouped))
            .getMessage().contains("reaps on exactly one consume thread, so the first count must be 1"));
    }

    @Test
    void unknownBenchmarkMode() throws IOException {
        assertRejected("invalid JMH options after --: Unable to parse benchmark mode: \"fast\"; Known values are",
            "--", "-bm", "fast");
    }

    @Test
    void missingJvm() throws IOException {
        assertRejected("invalid -jvm /no/such/java: not an executable file", "--", "-jvm", "/no/such/java");
    }

    @Test
    void excludePatternRejected() throws IOException {
        assertRejected("-e multishot is not supported; select benchmarks with --workloads and --strategies",
            "--", "-e", "multishot");
    }

    @Test
    void existingOutputIsNeverOverwritten() throws IOException {
        Path existing = dir.resolve("earlier.json");
        Files.writeString(existing, "[]");

        Outcome outcome = cli("run", "--out", existing.toString());

        assertUsageError(outcome, "exists; cqbench never overwrites results");
        assertEquals("[]", Files.readString(existing));
    }

    @Test
    void unwritableOutputPath() throws IOException {
        Path file = dir.resolve("plain-file");
        Files.writeString(file, "x");

        Outcome outcome = cli("run", "--out", file.resolve("run.json").toString());

        assertUsageError(outcome, "plain-file is not a directory");
    }

    @Test
    void outputMustBeJson() {
        assertUsageError(cli("run", "--out", dir.resolve("run.txt").toString()), "must end in .json");
    }

    @Test
    void listTakesNoArguments() {
        assertUsageError(cli("list", "extra"), "list takes no arguments");
    }

    @Test
    void listShowsEveryStrategyWithProducerModel() {
        Outcome outcome = cli("list");

        assertEquals(0, outcome.status, outcome.err);
        for (String alias : Strategies.load().aliases()) {
            assertTrue(outcome.out.contains(alias), alias + " missing from: " + outcome.out);
        }
        assertTrue(outcome.out.contains("single producer"));
        assertTrue(outcome.out.contains("setting slots (default 16"));
    }

    @Test
    void blockingStrategyCannotRunSameThreadWorkload() {
        String reason = RunPlan.incompatibility(new FakeWorkload(1, true), new FakeStrategy(ProducerModel.MANY, FullBehavior.BLOCK));

        assertTrue(reason.contains("fake blocks its producer while the CQ is full"), reason);
        assertTrue(reason.contains("the first full ring would hang"), reason);
    }

    @Test
    void singleProducerStrategyCannotRunMultiProducerWorkload() {
        String reason = RunPlan.incompatibility(new FakeWorkload(2, false),
            new FakeStrategy(ProducerModel.SINGLE, FullBehavior.OVERFLOW_BACKLOG));

        assertTrue(reason.contains("fake supports a single producer, and fake-workload posts from several producer threads"), reason);
    }

    @Test
    void compatiblePairHasNoReason() {
        assertNull(RunPlan.incompatibility(new FakeWorkload(1, true),
            new FakeStrategy(ProducerModel.SINGLE, FullBehavior.OVERFLOW_BACKLOG)));
    }

    @Test
    void planGivesMissingSettingsNotApplicable() {
        RunPlan plan = RunPlan.of(new FakeWorkload(1, true), Strategies.load().get("jctools-mpsc"), Profile.QUICK,
            Map.of("slots", List.of("4", "16")));

        assertEquals(List.of(StrategyParams.NOT_APPLICABLE), plan.params.get("slots"));
        assertEquals(List.of("jctools-mpsc"), plan.params.get("strategy"));
        assertEquals(1, plan.benchmarkCount());
    }

    @Test
    void planCrossesUserSettingsWithProfileParams() {
        RunPlan plan = RunPlan.of(new FakeWorkload(1, true), Strategies.load().get("deferred-array"), Profile.SMOKE,
            Map.of("slots", List.of("1", "4", "16", "64")));

        assertEquals(List.of("1", "4", "16", "64"), plan.params.get("slots"));
        assertEquals(List.of("2", "4"), plan.params.get("size"));
        assertEquals(8, plan.benchmarkCount());
    }

    private static final class FakeStrategy implements CqPosterProvider {
        private final ProducerModel producerModel;
        private final FullBehavior fullBehavior;

        FakeStrategy(ProducerModel producerModel, FullBehavior fullBehavior) {
            this.producerModel = producerModel;
            this.fullBehavior = fullBehavior;
        }

        @Override
        public String alias() {
            return "fake";
        }

        @Override
        public String description() {
            return "test double";
        }

        @Override
        public ProducerModel producerModel() {
            return producerModel;
        }

        @Override
        public FullBehavior fullBehavior() {
            return fullBehavior;
        }

        @Override
        public CqPoster create(CqConfig config) {
            throw new UnsupportedOperationException("never created in these tests");
        }
    }

    private static final class FakeWorkload implements WorkloadSpec {
        private final int producers;
        private final boolean sameThread;
        private final List<String> roles;

        FakeWorkload(int producers, boolean sameThread) {
            this(producers, sameThread, List.of());
        }

        FakeWorkload(int producers, boolean sameThread, List<String> roles) {
            this.producers = producers;
            this.sameThread = sameThread;
            this.roles = roles;
        }

        @Override
        public List<String> threadGroupRoles() {
            return roles;
        }

        @Override
        public String name() {
            return "fake-workload";
        }

        @Override
        public String description() {
            return "test double";
        }

        @Override
        public String benchmarkClass() {
            return "io.cqbench.FakeBenchmark";
        }

        @Override
        public List<io.cqbench.spi.Setting> params() {
            return List.of(io.cqbench.spi.Setting.ofPowerOfTwo("size", 8, 1, 64, "test parameter"));
        }

        @Override
        public int producers() {
            return producers;
        }

        @Override
        public boolean reapsOnProducerThread() {
            return sameThread;
        }

        @Override
        public Map<String, List<String>> profileParams(Profile profile) {
            return profile == Profile.SMOKE ? Map.of("size", List.of("2", "4")) : Map.of();
        }
    }
}
