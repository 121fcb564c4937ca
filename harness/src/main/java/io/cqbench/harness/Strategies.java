package io.cqbench.harness;

import io.cqbench.spi.CqConfig;
import io.cqbench.spi.CqPoster;
import io.cqbench.spi.CqPosterProvider;
import io.cqbench.spi.InvalidSettingException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The strategies on the class path, found with {@link ServiceLoader} and keyed by alias, in
 * class-path order.
 */
public final class Strategies {
    private final Map<String, CqPosterProvider> byAlias;

    private Strategies(Map<String, CqPosterProvider> byAlias) {
        this.byAlias = byAlias;
    }

    /** Loads every {@link CqPosterProvider} visible to this class's loader. Rejects two with one alias. */
    public static Strategies load() {
        Map<String, CqPosterProvider> byAlias = new LinkedHashMap<>();
        try {
            for (CqPosterProvider provider : ServiceLoader.load(CqPosterProvider.class, Strategies.class.getClassLoader())) {
                CqPosterProvider previous = byAlias.putIfAbsent(provider.alias(), provider);
                if (previous != null) {
                    throw new IllegalStateException("two strategies use the alias " + provider.alias() + ": "
                        + previous.getClass().getName() + " and " + provider.getClass().getName()
                        + "; remove one jar from the class path or rename one alias");
                }
            }
        } catch (ServiceConfigurationError e) {
            throw new IllegalStateException("a strategy on the class path failed to load: " + e.getMessage(), e);
        }
        return new Strategies(Collections.unmodifiableMap(byAlias));
    }

    public List<CqPosterProvider> all() {
        return new ArrayList<>(byAlias.values());
    }

    public List<String> aliases() {
        return new ArrayList<>(byAlias.keySet());
    }

    /** Returns the provider for {@code alias}, or throws naming the aliases that exist. */
    public CqPosterProvider get(String alias) {
        CqPosterProvider provider = byAlias.get(alias);
        if (provider == null) {
            throw new UsageException("unknown strategy " + alias + "; valid strategies: " + String.join(", ", aliases()));
        }
        return provider;
    }

    /** Validates the settings and creates a poster. */
    public CqPoster create(String alias, int entries, boolean eventFd, Map<String, String> settings) {
        return create(alias, entries, eventFd, settings, 0);
    }

    /** Validates the settings and creates a poster whose every commit spends {@code commitCost} ns of busy work. */
    public CqPoster create(String alias, int entries, boolean eventFd, Map<String, String> settings, long commitCost) {
        CqPosterProvider provider = get(alias);
        checkEntries(provider, entries);
        return provider.create(CqConfig.of(alias, provider.settings(), entries, eventFd, settings).withCommitCost(commitCost));
    }

    /** Rejects a CQ smaller than {@code provider} supports, naming both sizes. */
    static void checkEntries(CqPosterProvider provider, long entries) {
        if (entries < provider.minEntries()) {
            throw new InvalidSettingException("invalid entries=" + entries + " for strategy " + provider.alias()
                + ": it needs at least " + provider.minEntries() + " entries");
        }
    }
}
