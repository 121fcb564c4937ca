package io.cqbench.harness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/** The workloads on the class path, found with {@link ServiceLoader} and keyed by name. */
public final class Workloads {
    private final Map<String, WorkloadSpec> byName;

    private Workloads(Map<String, WorkloadSpec> byName) {
        this.byName = byName;
    }

    public static Workloads load() {
        Map<String, WorkloadSpec> byName = new LinkedHashMap<>();
        for (WorkloadSpec spec : ServiceLoader.load(WorkloadSpec.class, Workloads.class.getClassLoader())) {
            WorkloadSpec previous = byName.putIfAbsent(spec.name(), spec);
            if (previous != null) {
                throw new IllegalStateException("two workloads use the name " + spec.name() + ": "
                    + previous.getClass().getName() + " and " + spec.getClass().getName());
            }
        }
        return new Workloads(byName);
    }

    public List<WorkloadSpec> all() {
        return new ArrayList<>(byName.values());
    }

    public List<String> names() {
        return new ArrayList<>(byName.keySet());
    }

    /** Returns the workload called {@code name}, or throws naming the workloads that exist. */
    public WorkloadSpec get(String name) {
        WorkloadSpec spec = byName.get(name);
        if (spec == null) {
            throw new UsageException("unknown workload " + name + "; valid workloads: " + String.join(", ", names()));
        }
        return spec;
    }

    /** Returns the workload whose benchmark class is {@code className}, or {@code null}. */
    public WorkloadSpec byBenchmarkClass(String className) {
        for (WorkloadSpec spec : byName.values()) {
            if (spec.benchmarkClass().equals(className)) {
                return spec;
            }
        }
        return null;
    }
}
