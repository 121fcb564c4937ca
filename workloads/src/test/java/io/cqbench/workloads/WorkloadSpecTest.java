package io.cqbench.workloads;

import io.cqbench.harness.Profile;
import io.cqbench.harness.WorkloadSpec;
import io.cqbench.harness.Workloads;
import io.cqbench.spi.Setting;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Param;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Each workload's description to the harness must match its JMH class. */
class WorkloadSpecTest {
    @Test
    void everyWorkloadIsDiscovered() {
        assertEquals(List.of("multishot-poll", "multishot-recv", "trace-replay", "round-trip", "cost-breakdown",
            "iowq-mixed"), Workloads.load().names());
    }

    @Test
    void everyParameterIsAJmhParam() throws ReflectiveOperationException {
        for (WorkloadSpec spec : Workloads.load().all()) {
            Class<?> benchmark = Class.forName(spec.benchmarkClass());
            for (String name : spec.usesStrategy() ? WorkloadSpec.STRATEGY_PARAMS : List.<String>of()) {
                assertNotNull(benchmark.getField(name).getAnnotation(Param.class), spec.name() + " lacks @Param " + name);
            }
            for (Setting param : spec.params()) {
                Field field = benchmark.getField(param.name());
                Param annotation = field.getAnnotation(Param.class);
                assertNotNull(annotation, spec.name() + " lacks @Param " + param.name());
                assertEquals(param.defaultValue(), annotation.value()[0], spec.name() + " default of " + param.name());
            }
        }
    }

    @Test
    void everyProfileValueIsValid() {
        for (WorkloadSpec spec : Workloads.load().all()) {
            for (Profile profile : Profile.values()) {
                for (Map.Entry<String, List<String>> entry : spec.profileParams(profile).entrySet()) {
                    Setting param = spec.params().stream().filter(p -> p.name().equals(entry.getKey())).findFirst()
                        .orElseThrow(() -> new AssertionError(spec.name() + " profile " + profile + " sets unknown "
                            + entry.getKey()));
                    for (String value : entry.getValue()) {
                        assertNull(param.validate(value), spec.name() + " " + profile + " " + entry.getKey() + "=" + value);
                    }
                }
            }
        }
    }
}
