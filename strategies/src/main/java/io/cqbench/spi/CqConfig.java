package io.cqbench.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters a ring is created with: its entry count, whether an eventfd is registered, and the strategy's
 * settings by name. Settings the caller left out take their defaults.
 */
public final class CqConfig {
    private final int entries;
    private final boolean eventFd;
    private final Map<String, String> settings;
    private final long commitCostNanos;

    /** The largest {@link #withCommitCost commit cost}, 1 ms: far above any per-commit kernel cost. */
    public static final long MAX_COMMIT_COST_NANOS = 1_000_000;

    private CqConfig(int entries, boolean eventFd, Map<String, String> settings, long commitCostNanos) {
        this.entries = entries;
        this.eventFd = eventFd;
        this.settings = settings;
        this.commitCostNanos = commitCostNanos;
    }

    /**
     * Creates a config checked against {@code declared}: {@code entries} must be a power of two from 2
     * to 2^24, every setting must be declared and valid. Throws {@link InvalidSettingException} naming the
     * value and the valid choices otherwise.
     */
    public static CqConfig of(String alias, List<Setting> declared, int entries, boolean eventFd, Map<String, String> settings) {
        if (entries < 2 || entries > (1 << 24) || Integer.bitCount(entries) != 1) {
            throw new InvalidSettingException("invalid entries=" + entries
                + ": the CQ size must be a power of two from 2 to 16777216, for example 512");
        }
        Map<String, String> resolved = new LinkedHashMap<>();
        for (Setting setting : declared) {
            resolved.put(setting.name(), setting.defaultValue());
        }
        for (Map.Entry<String, String> entry : settings.entrySet()) {
            Setting setting = find(declared, entry.getKey());
            if (setting == null) {
                throw new InvalidSettingException("strategy " + alias + " has no setting " + entry.getKey()
                    + "; its settings are: " + (declared.isEmpty() ? "none" : names(declared)));
            }
            String problem = setting.validate(entry.getValue());
            if (problem != null) {
                throw new InvalidSettingException("strategy " + alias + ": " + problem);
            }
            resolved.put(setting.name(), entry.getValue().trim());
        }
        return new CqConfig(entries, eventFd, Collections.unmodifiableMap(resolved), 0);
    }

    /**
     * Returns this config with {@code nanos} of busy work per commit, which {@link io.cqbench.model.PostSignals}
     * spends on every commit. It stands for per-commit kernel costs the JVM model lacks, such as saving and
     * restoring the interrupt state around the eventfd's lock. Throws {@link InvalidSettingException}
     * outside 0 to {@link #MAX_COMMIT_COST_NANOS}.
     */
    public CqConfig withCommitCost(long nanos) {
        if (nanos < 0 || nanos > MAX_COMMIT_COST_NANOS) {
            throw new InvalidSettingException("invalid commitCost=" + nanos + ": use 0 to " + MAX_COMMIT_COST_NANOS
                + " nanoseconds of busy work per commit");
        }
        return new CqConfig(entries, eventFd, settings, nanos);
    }

    private static Setting find(List<Setting> declared, String name) {
        for (Setting setting : declared) {
            if (setting.name().equals(name)) {
                return setting;
            }
        }
        return null;
    }

    private static String names(List<Setting> declared) {
        StringBuilder names = new StringBuilder();
        for (Setting setting : declared) {
            names.append(names.length() == 0 ? "" : ", ").append(setting.name());
        }
        return names.toString();
    }

    /** Returns the CQ ring size in entries, a power of two. */
    public int entries() {
        return entries;
    }

    /** Returns whether an eventfd is registered, so that every commit signals it. */
    public boolean eventFd() {
        return eventFd;
    }

    /** Returns the value of a declared setting, or its default. */
    public String setting(String name) {
        String value = settings.get(name);
        if (value == null) {
            throw new IllegalArgumentException("setting " + name + " was not declared by the strategy");
        }
        return value;
    }

    public int intSetting(String name) {
        return Integer.parseInt(setting(name));
    }

    /** Returns the nanoseconds of busy work each commit spends; 0 unless {@link #withCommitCost} set it. */
    public long commitCostNanos() {
        return commitCostNanos;
    }

    /** Returns all settings, declared order, defaults filled in. */
    public Map<String, String> settings() {
        return settings;
    }
}
