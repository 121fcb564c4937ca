package io.cqbench.harness.conform;

import io.cqbench.spi.CqPosterProvider;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;

import java.util.stream.Stream;

/**
 * The conformance kit as JUnit 5 dynamic tests, one per property, for a strategy author's own build:
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> conformance() {
 *     return ConformanceTests.of(new MyProvider());
 * }
 * }</pre>
 * A failed property fails its test with the kit's one-line reason; a property that does not apply is
 * reported as skipped. Needs {@code junit-jupiter-api} on the test class path.
 */
public final class ConformanceTests {
    private ConformanceTests() {
    }

    /** Returns one test per property for {@code provider}, with default options and a fresh seed. */
    public static Stream<DynamicTest> of(CqPosterProvider provider) {
        return of(provider, Conformance.Options.defaults());
    }

    /** Returns one test per property for {@code provider}. The seed is part of every failure message. */
    public static Stream<DynamicTest> of(CqPosterProvider provider, Conformance.Options options) {
        return Conformance.properties().stream().map(property -> DynamicTest.dynamicTest(
            provider.alias() + ": " + property.name(), () -> {
                PropertyResult result = Conformance.check(provider, property, options);
                Assumptions.assumeFalse(result.verdict() == PropertyResult.Verdict.SKIP, result.reason());
                if (result.failed()) {
                    Assertions.fail(property.name() + " failed (seed 0x" + Long.toHexString(options.seed()) + "): "
                        + result.reason());
                }
            }));
    }
}
