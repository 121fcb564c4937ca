package io.cqbench.harness;

import java.util.Locale;

/**
 * How long and how often each benchmark runs. Every workload also chooses its parameter values per
 * profile ({@link WorkloadSpec#profileParams}). JMH options given after {@code --} override these.
 */
public enum Profile {
    /** Checks that every benchmark runs and verifies: one short fork each, numbers not for quoting. */
    SMOKE(1, 1, 200, 2, 200),
    /** The default: enough forks and iterations for error bars, the whole suite (69 benchmarks) in an estimated 28 minutes on 2 cores. */
    QUICK(3, 3, 1000, 4, 1000),
    /** For publishing: more forks and iterations, more parameter values. */
    FULL(3, 5, 1000, 10, 1000);

    private final int forks;
    private final int warmupIterations;
    private final int warmupMillis;
    private final int measurementIterations;
    private final int measurementMillis;

    Profile(int forks, int warmupIterations, int warmupMillis, int measurementIterations, int measurementMillis) {
        this.forks = forks;
        this.warmupIterations = warmupIterations;
        this.warmupMillis = warmupMillis;
        this.measurementIterations = measurementIterations;
        this.measurementMillis = measurementMillis;
    }

    /** Parses {@code smoke}, {@code quick} or {@code full}. */
    public static Profile parse(String name) {
        for (Profile profile : values()) {
            if (profile.name().equalsIgnoreCase(name)) {
                return profile;
            }
        }
        throw new UsageException("unknown profile " + name + "; valid profiles: smoke, quick, full");
    }

    public int forks() {
        return forks;
    }

    public int warmupIterations() {
        return warmupIterations;
    }

    public int warmupMillis() {
        return warmupMillis;
    }

    public int measurementIterations() {
        return measurementIterations;
    }

    public int measurementMillis() {
        return measurementMillis;
    }

    /** Returns the lower-case name used on the command line. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Returns the estimated seconds one benchmark (one parameter combination) takes, JVM start included. */
    public double secondsPerBenchmark() {
        return forks * ((warmupIterations * warmupMillis + measurementIterations * measurementMillis) / 1000.0 + 1.0);
    }
}
