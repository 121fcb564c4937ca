package io.cqbench.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code cqbench export} into github-action-benchmark's customBiggerIsBetter format. */
class ExportCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private String err;

    private int export(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "export";
        System.arraycopy(args, 0, all, 1, args.length);
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int status = Cli.run(all, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(stderr, true, StandardCharsets.UTF_8));
        err = stderr.toString(StandardCharsets.UTF_8);
        return status;
    }

    private Path run(String mode) throws IOException {
        ArrayNode results = JSON.createArrayNode();
        ObjectNode result = results.addObject();
        result.put("benchmark", "io.cqbench.workloads.MultishotPollBenchmark.multishotPoll");
        result.put("mode", mode);
        result.putObject("params").put("strategy", "deferred-array").put("slots", "16").put("lock", "spin")
            .put("options", "").put("requests", "128");
        ObjectNode primary = result.putObject("primaryMetric");
        primary.put("score", 64.36e6);
        primary.put("scoreError", 4.86e6);
        primary.put("scoreUnit", "ops/s");
        result.putObject("secondaryMetrics").putObject("cqesVerified").put("score", 773032960);
        Path file = dir.resolve("run.json");
        JSON.writeValue(file.toFile(), results);
        return file;
    }

    @Test
    void writesBiggerIsBetterEntries() throws IOException {
        Path input = run("thrpt");

        assertEquals(0, export(input.toString()), err);

        JsonNode entries = JSON.readTree(dir.resolve("run.github-action-benchmark.json").toFile());
        assertEquals(1, entries.size());
        JsonNode entry = entries.get(0);
        assertEquals("multishotPoll requests=128 | deferred-array lock=spin slots=16", entry.path("name").asText());
        assertEquals("CQE/s", entry.path("unit").asText());
        assertEquals(64.36e6, entry.path("value").asDouble());
        assertEquals("± 4860000", entry.path("range").asText());
        assertEquals("773032960 CQEs verified; range is JMH's 99.9% confidence half-width", entry.path("extra").asText());
    }

    @Test
    void rejectsTimeModes() throws IOException {
        Path input = run("avgt");

        assertEquals(2, export(input.toString()));
        assertTrue(err.contains("ran in mode avgt; the bigger-is-better export takes throughput results only"), err);
    }

    @Test
    void neverOverwrites() throws IOException {
        Path input = run("thrpt");
        Files.writeString(dir.resolve("run.github-action-benchmark.json"), "earlier");

        assertEquals(2, export(input.toString()));
        assertEquals("earlier", Files.readString(dir.resolve("run.github-action-benchmark.json")));
    }
}
