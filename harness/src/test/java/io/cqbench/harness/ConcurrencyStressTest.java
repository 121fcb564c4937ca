package io.cqbench.harness;

import io.cqbench.harness.conform.ConcurrencyStress;
import io.cqbench.spi.CqPosterProvider;
import io.cqbench.spi.ProducerModel;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The concurrency stress at CI size: every strategy on the class path, with 1, 2 and 4 producer threads
 * (1 for single-producer strategies) and a consumer thread, one second each. Seeds are printed; the
 * soak size is {@code ./cqbench stress --duration 10m}.
 */
class ConcurrencyStressTest {
    private static final Duration ROUND = Duration.ofSeconds(1);

    @TestFactory
    Stream<DynamicTest> everyStrategyKeepsOrderUnderConcurrency() {
        long seed = new SplittableRandom().nextLong();
        System.out.println("ConcurrencyStressTest: seed 0x" + Long.toHexString(seed));
        SplittableRandom seeds = new SplittableRandom(seed);
        List<DynamicTest> tests = new ArrayList<>();
        for (CqPosterProvider provider : Strategies.load().all()) {
            int[] counts = provider.producerModel() == ProducerModel.SINGLE ? new int[] {1} : new int[] {1, 2, 4};
            for (int producers : counts) {
                ConcurrencyStress.Round round = ConcurrencyStress.plan(seeds.nextLong(), producers, provider.minEntries(), ROUND);
                tests.add(DynamicTest.dynamicTest(provider.alias() + " x " + producers + " producer(s)", () -> {
                    ConcurrencyStress.Outcome outcome = ConcurrencyStress.run(provider, Map.of(), round);
                    System.out.printf("%s %s: %,d CQEs, %,d terminating, %,d overflowed%n", provider.alias(), round,
                        outcome.cqes(), outcome.terminations(), outcome.overflows());
                    assertTrue(outcome.passed(), provider.alias() + " " + round + ": " + outcome.violation()
                        + " (replay: ./cqbench stress --strategies " + provider.alias() + " --producers " + producers
                        + " --seed 0x" + Long.toHexString(round.seed()) + " --duration 1s)");
                    assertTrue(outcome.cqes() > 0, "no CQE reaped in " + round);
                }));
            }
        }
        return tests.stream();
    }

    private static String[] stress(int expectedStatus, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] all = new String[args.length + 1];
        all[0] = "stress";
        System.arraycopy(args, 0, all, 1, args.length);
        int status = Cli.run(all, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String[] texts = {out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
        assertEquals(expectedStatus, status, texts[0] + texts[1]);
        return texts;
    }

    @Test
    void stressCommandPrintsEveryRoundWithItsSeed() {
        String out = stress(0, "--strategies", "per-cqe-lock,unsynchronized", "--producers", "1,2", "--duration", "400ms",
            "--round", "200ms", "--seed", "0x2a")[0];

        assertTrue(out.contains("per-cqe-lock producers=1 entries="), out);
        assertTrue(out.contains("seed=0x2a time=200ms"), "the first round replays the given seed: " + out);
        assertTrue(out.contains("unsynchronized producers=2: not applicable, a single-producer strategy"), out);
        assertTrue(out.contains("stress: 6 rounds"), out);
        assertTrue(out.contains("0 violation(s)"), out);
    }

    @Test
    void stressCommandRejectsBadInput() {
        assertTrue(stress(2, "--producers", "0")[1].contains("invalid --producers 0: use producer thread counts from 1 to 256"));
        assertTrue(stress(2, "--duration", "forever")[1].contains("invalid --duration forever"));
        assertTrue(stress(2, "--duration", "1s", "--round", "2s")[1].contains("--round 2s is longer than --duration 1s"));
        assertTrue(stress(2, "--strategies", "nope")[1].contains("unknown strategy nope; valid strategies:"));
        assertTrue(stress(2, "--rounds", "3")[1].contains("unknown stress option --rounds"));
        assertTrue(stress(2, "--bogus")[1].contains("unknown stress option --bogus"));
        assertTrue(stress(2, "--strategies", "lockless-tail", "--producers", "2")[1]
            .contains("nothing to run: every selected strategy takes a single producer and --producers [2] has no 1"));
    }
}
