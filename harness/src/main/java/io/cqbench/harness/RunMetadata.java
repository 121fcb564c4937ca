package io.cqbench.harness;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The metadata of one run, everything needed to reproduce and compare it, written beside JMH's JSON as
 * {@code <name>.meta.json}. A typed model for Jackson: public fields in the order they appear in the file.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class RunMetadata {
    /** Version of this file's layout; raised on incompatible changes. */
    public int schemaVersion = 1;
    public String cqbenchVersion;
    public Git git;
    /** The command as typed, arguments in order. */
    public List<String> commandLine = new ArrayList<>();
    public String profile;
    public Jvm jvm = new Jvm();
    public Host host = new Host();
    /** ISO-8601 instants. */
    public String start;
    public String end;
    public int benchmarksPlanned;
    public int benchmarksPassed;
    public List<String> failedPairs = new ArrayList<>();
    public List<StrategyRun> strategies = new ArrayList<>();
    public List<TraceInput> traces = new ArrayList<>();

    /** The checkout the jar was run from. */
    public static final class Git {
        public String commit;
        /** Whether tracked files differed from the commit when the run started. */
        public boolean dirty;
    }

    /** The JVM of the run; benchmark forks use the same one unless JMH's {@code -jvm} option names another. */
    public static final class Jvm {
        public String vendor;
        public String version;
        public String vmName;
        public String javaHome;
        /** JVM options of the benchmark forks, as JMH recorded them. */
        public List<String> forkJvmArgs = new ArrayList<>();
    }

    /** The machine of the run. */
    public static final class Host {
        public String os;
        /** PRETTY_NAME from /etc/os-release, where present. */
        public String distribution;
        public String kernel;
        public String arch;
        public String cpuModel;
        public int cores;
        public Long memoryBytes;
        public String hostname;
    }

    /** One strategy of the run, with every setting value it ran with. */
    public static final class StrategyRun {
        public String alias;
        public String producerModel;
        public Map<String, List<String>> settings = new LinkedHashMap<>();
    }

    /** One capture replayed by the run. */
    public static final class TraceInput {
        public String location;
        public String sha256;
    }
}
