package io.cqbench.harness.conform;

import java.io.PrintStream;
import java.util.List;

/**
 * Every property's result for one strategy, in the kit's order.
 *
 * @param strategy the strategy's alias
 * @param results  one result per property
 */
public record ConformanceReport(String strategy, List<PropertyResult> results) {
    public ConformanceReport {
        results = List.copyOf(results);
    }

    /** Returns whether no property failed (skipped ones do not count as failures). */
    public boolean passed() {
        return results.stream().noneMatch(PropertyResult::failed);
    }

    public long count(PropertyResult.Verdict verdict) {
        return results.stream().filter(result -> result.verdict() == verdict).count();
    }

    /** Prints one line per property, then a line with the totals. */
    public void print(PrintStream out) {
        int width = results.stream().mapToInt(result -> result.property().length()).max().orElse(0);
        for (PropertyResult result : results) {
            String line = String.format("  %-4s  %-" + width + "s  %5d ms", result.verdict(), result.property(), result.millis());
            out.println(result.reason().isEmpty() ? line : line + "  " + result.reason());
        }
        out.println(strategy + ": " + count(PropertyResult.Verdict.PASS) + " passed, "
            + count(PropertyResult.Verdict.FAIL) + " failed, " + count(PropertyResult.Verdict.SKIP) + " skipped");
    }
}
