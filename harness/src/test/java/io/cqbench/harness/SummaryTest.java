package io.cqbench.harness;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The table printed after a run. */
class SummaryTest {
    private static void addResult(ArrayNode results, String strategy, double score) {
        ObjectNode result = results.addObject();
        result.put("benchmark", "io.cqbench.workloads.MultishotPollBenchmark.multishotPoll");
        result.putObject("params").put("strategy", strategy).put("requests", "128");
        result.putObject("primaryMetric").put("score", score);
        result.putObject("secondaryMetrics").putObject("cqesVerified").put("score", 1000);
    }

    @Test
    void longAliasWidensStrategyColumn() {
        ArrayNode results = new ObjectMapper().createArrayNode();
        addResult(results, "example-synchronized", 55.26e6);
        addResult(results, "per-cqe-lock", 62.37e6);

        String table = Summary.ofJson(results, Workloads.load()).format(Map.of(), List.of());

        List<String> lines = table.lines().filter(line -> line.startsWith("strategy ") || line.startsWith("example-")
            || line.startsWith("per-cqe-lock")).toList();
        assertEquals(3, lines.size(), table);
        int settingsColumn = lines.get(0).indexOf("settings");
        assertTrue(settingsColumn > "example-synchronized".length(), table);
        assertEquals(settingsColumn, lines.get(1).indexOf('-', "example-synchronized".length()), table);
        assertEquals(settingsColumn, lines.get(2).indexOf('-', "per-cqe-lock".length()), table);
    }
}
