package io.cqbench.harness;

import io.cqbench.spi.CqPoster;
import io.cqbench.spi.CqPosterProvider;
import io.cqbench.spi.InvalidSettingException;
import io.cqbench.spi.Setting;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns the strategy parameters every workload declares ({@code slots}, {@code lock}, {@code options})
 * into the settings of one strategy. A parameter the strategy does not declare carries
 * {@link #NOT_APPLICABLE}; {@code options} carries other settings as {@code name=value;name=value}.
 */
public final class StrategyParams {
    /** The value the harness gives a strategy parameter that the strategy under test does not have. */
    public static final String NOT_APPLICABLE = "-";

    private StrategyParams() {
    }

    /** Returns whether {@code name} is a strategy setting with its own JMH parameter. */
    public static boolean hasOwnParam(String name) {
        return name.equals("slots") || name.equals("lock");
    }

    /**
     * Returns the settings for {@code provider}: {@code slots} and {@code lock} where it declares them
     * and they are not {@link #NOT_APPLICABLE}, plus everything in {@code options}.
     */
    public static Map<String, String> settings(CqPosterProvider provider, String slots, String lock, String options) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (Setting setting : provider.settings()) {
            String value = setting.name().equals("slots") ? slots : setting.name().equals("lock") ? lock : null;
            if (value != null && !value.equals(NOT_APPLICABLE)) {
                settings.put(setting.name(), value);
            }
        }
        settings.putAll(parseOptions(options));
        return settings;
    }

    /** Parses {@code name=value;name=value}; an empty string gives no settings. */
    public static Map<String, String> parseOptions(String options) {
        Map<String, String> parsed = new LinkedHashMap<>();
        if (options == null || options.isBlank()) {
            return parsed;
        }
        for (String pair : options.split(";")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new InvalidSettingException("invalid options entry '" + pair + "': expected name=value, "
                    + "several separated by ';'");
            }
            parsed.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return parsed;
    }

    /** Creates the poster a benchmark fork runs, from its JMH parameters; {@code commitCost} is in nanoseconds. */
    public static CqPoster createPoster(String alias, String slots, String lock, String options, int entries, boolean eventFd,
                                        long commitCost) {
        Strategies strategies = Strategies.load();
        CqPosterProvider provider = strategies.get(alias);
        return strategies.create(alias, entries, eventFd, settings(provider, slots, lock, options), commitCost);
    }
}
