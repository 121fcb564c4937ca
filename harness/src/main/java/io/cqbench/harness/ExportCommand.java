package io.cqbench.harness;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code cqbench export FILE.json [--out OUT.json]}: converts a run into github-action-benchmark's
 * {@code customBiggerIsBetter} format, one entry per benchmark with its CQEs per second, JMH's error
 * as the range and the verified CQE count as extra text. The custom format states the direction
 * (bigger is better) and keeps the error, instead of leaving both to the tool's JMH reader.
 */
final class ExportCommand {
    private ExportCommand() {
    }

    /** One entry of the {@code customBiggerIsBetter} array. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    static final class Entry {
        public String name;
        public String unit;
        public double value;
        public String range;
        public String extra;
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Path input = null;
        Path output = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--out")) {
                if (i + 1 >= args.length) {
                    throw new UsageException("--out needs a value: a .json file that does not exist yet");
                }
                output = Path.of(args[++i]);
            } else if (args[i].startsWith("--")) {
                throw new UsageException("unknown export option " + args[i] + "; valid option: --out OUT.json");
            } else if (input == null) {
                input = Path.of(args[i]);
            } else {
                throw new UsageException("export takes one JMH JSON file, got a second: " + args[i]);
            }
        }
        if (input == null) {
            throw new UsageException("export needs a JMH JSON file written by ./cqbench run");
        }
        if (output == null) {
            output = ResultFiles.sibling(input, ".github-action-benchmark.json");
        }
        if (Files.exists(output)) {
            throw new UsageException("file " + output + " exists; cqbench never overwrites results: choose another --out");
        }
        if (output.toAbsolutePath().getParent() == null || !Files.isDirectory(output.toAbsolutePath().getParent())) {
            throw new UsageException("cannot write " + output + ": its directory does not exist");
        }

        List<Entry> entries = entries(CompareCommand.read(input));
        String json;
        try {
            json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(entries);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize the export", e);
        }
        ResultFiles.writeAtomically(output, stream -> stream.println(json));
        out.println("cqbench: " + entries.size() + " benchmark(s) exported for github-action-benchmark"
            + " (tool: customBiggerIsBetter) to " + output);
        return 0;
    }

    /**
     * Converts JMH results; throughput only, since the format assumes bigger is better. Results in a time
     * mode (round-trip, cost-breakdown) are left out; a file with no throughput result is rejected.
     */
    static List<Entry> entries(JsonNode results) {
        Summary summary = Summary.ofJson(results, Workloads.load());
        List<Entry> entries = new ArrayList<>();
        JsonNode firstTimeResult = null;
        int index = 0;
        for (JsonNode result : results) {
            Summary.Row row = summary.rows().get(index++);
            String mode = result.path("mode").asText();
            if (!mode.equals("thrpt")) {
                firstTimeResult = firstTimeResult != null ? firstTimeResult : result;
                continue;
            }
            Entry entry = new Entry();
            entry.name = row.workload + " " + row.workloadParams + " | " + row.strategy
                + (row.settings.isEmpty() ? "" : " " + row.settings);
            entry.unit = "CQE/s";
            entry.value = row.score;
            entry.range = Double.isNaN(row.error) ? null : String.format("± %.0f", row.error);
            String verified = Double.isNaN(row.verified) ? null : String.format("%.0f CQEs verified", row.verified);
            entry.extra = entry.range == null ? verified
                : (verified == null ? "" : verified + "; ") + "range is JMH's 99.9% confidence half-width";
            entries.add(entry);
        }
        if (entries.isEmpty() && firstTimeResult != null) {
            throw new UsageException("benchmark " + firstTimeResult.path("benchmark").asText() + " ran in mode "
                + firstTimeResult.path("mode").asText() + "; the bigger-is-better export takes throughput results only,"
                + " and the file has none");
        }
        return entries;
    }
}
