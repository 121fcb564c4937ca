package io.cqbench.harness;

import io.cqbench.harness.conform.Conformance;
import io.cqbench.harness.conform.ConformanceTests;
import io.cqbench.spi.CqPosterProvider;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs the conformance kit on every strategy on the class path, with its default settings, and on
 * deferred-array's extreme slot counts and other lock. A failure names the property, the kit's
 * one-line reason and the seed that replays it with {@code ./cqbench conform --seed}.
 */
class StrategyContractTest {
    private static final Conformance.Options OPTIONS = Conformance.Options.defaults().withStressTime(Duration.ofMillis(900));

    @TestFactory
    Stream<DynamicNode> everyStrategyConforms() {
        System.out.println("StrategyContractTest: conformance seed 0x" + Long.toHexString(OPTIONS.seed()));
        List<DynamicNode> nodes = new ArrayList<>();
        for (CqPosterProvider provider : Strategies.load().all()) {
            nodes.add(DynamicContainer.dynamicContainer(provider.alias(), ConformanceTests.of(provider, OPTIONS)));
        }
        return nodes.stream();
    }

    @TestFactory
    Stream<DynamicNode> deferredArraySettingsConform() {
        CqPosterProvider provider = Strategies.load().get("deferred-array");
        List<DynamicNode> nodes = new ArrayList<>();
        for (Map<String, String> settings : List.of(Map.of("slots", "1"), Map.of("slots", "64"), Map.of("lock", "reentrant"))) {
            nodes.add(DynamicContainer.dynamicContainer("deferred-array " + settings,
                ConformanceTests.of(provider, OPTIONS.withSettings(settings))));
        }
        return nodes.stream();
    }
}
