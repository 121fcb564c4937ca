package io.cqbench.harness;

import io.cqbench.spi.CqPosterProvider;
import io.cqbench.spi.ProducerModel;
import io.cqbench.spi.Setting;

import java.io.PrintStream;
import java.util.Locale;

/** Prints every strategy and workload, with settings and parameters. */
final class ListCommand {
    private ListCommand() {
    }

    static void print(Strategies strategies, Workloads workloads, PrintStream out) {
        out.println("Strategies (" + strategies.all().size() + " on the class path):");
        // The alias column widens for a longer alias, such as one from a strategy jar.
        int aliasWidth = 16;
        for (CqPosterProvider provider : strategies.all()) {
            aliasWidth = Math.max(aliasWidth, provider.alias().length());
        }
        String row = "  %-" + aliasWidth + "s %-16s ";
        for (CqPosterProvider provider : strategies.all()) {
            String producers = provider.producerModel() == ProducerModel.SINGLE ? "single producer" : "many producers";
            out.printf(row + "%s%n", provider.alias(), producers, provider.description());
            out.printf(row + "when the CQ is full: %s%n", "", "",
                provider.fullBehavior().name().toLowerCase(Locale.ROOT).replace('_', ' '));
            for (Setting setting : provider.settings()) {
                out.printf(row + "setting %s%n", "", "", setting);
            }
        }
        out.println();
        out.println("Workloads:");
        for (WorkloadSpec spec : workloads.all()) {
            out.printf("  %-16s %s%n", spec.name(), spec.description());
            for (Setting param : spec.params()) {
                out.printf("  %-16s   -p %s%n", "", param);
            }
        }
        out.println();
        out.println("Strategy settings are JMH parameters too: -p slots=..., -p lock=..., and -p options='name=value;...'"
            + " for settings of other strategies.");
    }
}
