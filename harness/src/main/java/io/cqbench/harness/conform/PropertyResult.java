package io.cqbench.harness.conform;

/**
 * The outcome of one conformance property for one strategy.
 *
 * @param property the property's name, such as {@code overflow-order}
 * @param verdict  pass, fail, or skip when the property does not apply to the strategy
 * @param reason   one line: what failed, or why the property was skipped; empty on a pass
 * @param millis   wall-clock time the check took
 */
public record PropertyResult(String property, Verdict verdict, String reason, long millis) {
    /** Whether a property held. */
    public enum Verdict {
        PASS, FAIL, SKIP
    }

    public boolean failed() {
        return verdict == Verdict.FAIL;
    }
}
