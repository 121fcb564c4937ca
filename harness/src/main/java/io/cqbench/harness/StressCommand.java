package io.cqbench.harness;

import io.cqbench.harness.conform.ConcurrencyStress;
import io.cqbench.spi.CqPosterProvider;
import io.cqbench.spi.ProducerModel;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code cqbench stress [--strategies A,B] [--producers 1,2,4] [--duration D] [--round D] [--seed N]}:
 * the concurrency stress at soak size. For every strategy and producer count it runs rounds of
 * {@code --round} until {@code --duration} is used up, each round with its own seed, ring size and
 * request count, and prints one line per round with the seed that replays it. Exit 1 on any violation,
 * 2 on invalid input or when no selected strategy can run any selected producer count.
 */
final class StressCommand {
    private StressCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> aliases = new ArrayList<>();
        List<Integer> producerCounts = new ArrayList<>(List.of(1, 2, 4));
        Duration duration = Duration.ofMinutes(1);
        Duration roundTime = Duration.ofSeconds(5);
        long seed = new SplittableRandom().nextLong();
        boolean roundGiven = false;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (!List.of("--strategies", "--producers", "--duration", "--round", "--seed").contains(option)) {
                throw new UsageException("unknown stress option " + option + "; valid options: --strategies,"
                    + " --producers, --duration, --round, --seed");
            }
            if (i + 1 >= args.length) {
                throw new UsageException(option + " needs a value; see ./cqbench help");
            }
            String value = args[++i];
            switch (option) {
                case "--strategies":
                    aliases = RunCommand.list(value, option);
                    break;
                case "--producers":
                    producerCounts = parseCounts(value);
                    break;
                case "--duration":
                    duration = DurationOption.parse(option, value, Duration.ofMillis(100), Duration.ofDays(7));
                    break;
                case "--round":
                    roundTime = DurationOption.parse(option, value, Duration.ofMillis(100), Duration.ofHours(1));
                    roundGiven = true;
                    break;
                case "--seed":
                    seed = ConformCommand.parseSeed(value);
                    break;
                default:
                    throw new IllegalStateException("option " + option + " is listed but not handled");
            }
        }
        if (!roundGiven && duration.compareTo(roundTime) < 0) {
            roundTime = duration;
        }
        if (roundTime.compareTo(duration) > 0) {
            throw new UsageException("--round " + DurationOption.format(roundTime) + " is longer than --duration "
                + DurationOption.format(duration) + "; make the round at most the duration");
        }
        Strategies strategies = Strategies.load();
        List<CqPosterProvider> providers = new ArrayList<>();
        for (String alias : aliases.isEmpty() ? strategies.aliases() : aliases) {
            providers.add(strategies.get(alias));
        }
        boolean anyRound = false;
        for (CqPosterProvider provider : providers) {
            anyRound |= provider.producerModel() != ProducerModel.SINGLE || producerCounts.contains(1);
        }
        if (!anyRound) {
            throw new UsageException("nothing to run: every selected strategy takes a single producer and --producers "
                + producerCounts + " has no 1; add 1, for example --producers 1");
        }

        out.println("stress: " + providers.size() + " strateg" + (providers.size() == 1 ? "y" : "ies") + " x producers "
            + producerCounts + ", " + DurationOption.format(duration) + " each in rounds of " + DurationOption.format(roundTime)
            + ", first seed 0x" + Long.toHexString(seed));
        SplittableRandom seeds = new SplittableRandom(seed);
        long cqes = 0;
        long rounds = 0;
        long started = System.nanoTime();
        List<String> failures = new ArrayList<>();
        for (CqPosterProvider provider : providers) {
            for (int producers : producerCounts) {
                if (producers > 1 && provider.producerModel() == ProducerModel.SINGLE) {
                    out.println(provider.alias() + " producers=" + producers + ": not applicable, a single-producer strategy");
                    continue;
                }
                long budget = duration.toNanos();
                // The first round of the whole run uses the given seed itself, so --seed replays a printed round.
                long roundSeed = rounds == 0 ? seed : seeds.nextLong();
                while (budget > 0) {
                    Duration time = Duration.ofNanos(Math.min(budget, roundTime.toNanos()));
                    ConcurrencyStress.Round round = ConcurrencyStress.plan(roundSeed, producers, provider.minEntries(), time);
                    ConcurrencyStress.Outcome outcome = ConcurrencyStress.run(provider, Map.of(), round);
                    rounds++;
                    cqes += outcome.cqes();
                    budget -= time.toNanos();
                    out.printf("%s %s: %,d CQEs (%,d terminating, %,d overflowed) in %.1f s, %.2f M CQE/s: %s%n",
                        provider.alias(), round, outcome.cqes(), outcome.terminations(), outcome.overflows(),
                        outcome.nanos() / 1e9, outcome.cqes() / (outcome.nanos() / 1e3),
                        outcome.passed() ? "ok" : "VIOLATION " + outcome.violation());
                    out.flush();
                    if (!outcome.passed()) {
                        String replay = "./cqbench stress --strategies " + provider.alias() + " --producers " + producers
                            + " --seed 0x" + Long.toHexString(roundSeed) + " --duration " + DurationOption.format(time);
                        out.println("  replay: " + replay);
                        failures.add(provider.alias() + " producers=" + producers + " seed=0x" + Long.toHexString(roundSeed));
                    }
                    roundSeed = seeds.nextLong();
                }
            }
        }
        out.printf("stress: %d rounds, %,d CQEs checked in %.1f s, %d violation(s)%n", rounds, cqes,
            (System.nanoTime() - started) / 1e9, failures.size());
        for (String failure : failures) {
            err.println("cqbench: stress violation in " + failure);
        }
        return failures.isEmpty() ? 0 : 1;
    }

    private static List<Integer> parseCounts(String value) {
        List<Integer> counts = new ArrayList<>();
        for (String part : value.split(",")) {
            try {
                int count = Integer.parseInt(part.trim());
                if (count < 1 || count > 256) {
                    throw new NumberFormatException();
                }
                counts.add(count);
            } catch (NumberFormatException e) {
                throw new UsageException("invalid --producers " + value + ": use producer thread counts from 1 to 256,"
                    + " comma-separated, for example 1,2,4");
            }
        }
        return counts;
    }
}
