package io.cqbench.workloads;

import io.cqbench.harness.broken.CatalogJar;
import io.cqbench.harness.broken.CorrectModelProvider;
import io.cqbench.harness.broken.DropsOneProvider;
import io.cqbench.harness.broken.DuplicatesOneProvider;
import io.cqbench.harness.broken.EarlyTailProvider;
import io.cqbench.harness.broken.LosesPartialBatchProvider;
import io.cqbench.harness.broken.OvertakingProducersProvider;
import io.cqbench.harness.broken.RingWhileBacklogProvider;
import io.cqbench.harness.broken.TerminalBypassProvider;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ./cqbench conform} through the launcher, as an author runs it: every built-in strategy passes,
 * the example project's jar passes, and each broken strategy of the catalog, shipped in a jar, fails
 * with the property meant to catch it.
 */
class ConformIT {
    private static final Path HOME = Path.of(System.getProperty("cqbench.home", "..")).toAbsolutePath().normalize();
    private static final Path WORK = Path.of("target", "it").toAbsolutePath();
    private static final Path EXAMPLE = HOME.resolve("examples/strategy-example/target/strategy-example-1.0.0.jar");

    /** Each broken strategy and the property that must fail for it. */
    private static final Map<String, String> CATCHES = Map.of(
        "broken-drops-one", "commit-publishes",
        "broken-duplicates-one", "commit-publishes",
        "broken-loses-partial-batch", "order-across-batches",
        "broken-terminal-bypass", "terminal-after-deferred",
        "broken-ring-while-backlog", "backlog-first",
        "broken-early-tail", "concurrent-stress",
        "broken-overtaking-producers", "concurrent-stress");

    private record Run(int status, String log) {
    }

    private static Run cqbench(String... args) throws IOException, InterruptedException {
        Files.createDirectories(WORK);
        Path log = Files.createTempFile(WORK, "conform-", ".log");
        List<String> command = new ArrayList<>(List.of("bash", HOME.resolve("cqbench").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("cqbench " + String.join(" ", args) + " timed out; log: " + log);
        }
        return new Run(process.exitValue(), Files.readString(log));
    }

    @Test
    void everyBuiltInStrategyConforms() throws Exception {
        Run run = cqbench("conform", "--stress-time", "1500ms");

        assertEquals(0, run.status, run.log);
        assertTrue(run.log.contains("conform: every strategy passed"), run.log);
        assertTrue(run.log.contains("deferred-array: 12 passed, 0 failed"), run.log);
    }

    @Test
    void exampleProjectConforms() throws Exception {
        assertTrue(Files.isRegularFile(EXAMPLE), EXAMPLE + " is missing: the reactor builds examples/strategy-example"
            + " before this module; run mvn verify from the repository root");

        Run run = cqbench("--jar", EXAMPLE.toString(), "conform", "--stress-time", "1500ms");

        assertEquals(0, run.status, run.log);
        assertTrue(run.log.contains("example-synchronized: 12 passed, 0 failed"), run.log);
    }

    @Test
    void everyBrokenStrategyFailsItsProperty() throws Exception {
        Files.createDirectories(WORK);
        Path jar = CatalogJar.write(WORK.resolve("broken-strategies.jar"), DropsOneProvider.class,
            DuplicatesOneProvider.class, LosesPartialBatchProvider.class, TerminalBypassProvider.class,
            RingWhileBacklogProvider.class, EarlyTailProvider.class, OvertakingProducersProvider.class,
            CorrectModelProvider.class);

        Run broken = cqbench("--jar", jar.toString(), "conform", "--strategy", String.join(",", CATCHES.keySet()),
            "--stress-time", "3s");
        Run control = cqbench("--jar", jar.toString(), "conform", "--strategy", "catalog-control", "--stress-time", "1500ms");

        assertEquals(1, broken.status, broken.log);
        assertTrue(broken.log.contains("conform: 7 of 7 failed"), broken.log);
        for (Map.Entry<String, String> entry : CATCHES.entrySet()) {
            String section = section(broken.log, entry.getKey());
            assertTrue(Pattern.compile("FAIL +" + Pattern.quote(entry.getValue()) + " ").matcher(section).find(),
                entry.getKey() + " must fail " + entry.getValue() + ":\n" + section);
        }
        assertEquals(0, control.status, control.log);
    }

    /** Returns the lines the conform output prints for {@code alias}, from its heading to its totals. */
    private static String section(String log, String alias) {
        int start = log.indexOf("\n" + alias + " (");
        int end = log.indexOf("\n" + alias + ": ", start);
        assertTrue(start >= 0, "no section for " + alias + " in:\n" + log);
        assertTrue(end > start, "no totals line for " + alias + " in:\n" + log);
        return log.substring(start, end);
    }
}
