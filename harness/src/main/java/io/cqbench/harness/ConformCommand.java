package io.cqbench.harness;

import io.cqbench.harness.conform.Conformance;
import io.cqbench.harness.conform.ConformanceReport;
import io.cqbench.harness.conform.PropertyResult;
import io.cqbench.spi.CqConfig;
import io.cqbench.spi.CqPosterProvider;
import io.cqbench.spi.InvalidSettingException;
import io.cqbench.spi.ProducerModel;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code cqbench conform [--jar FILE]... [--strategies A,B] [--setting NAME=VALUE]... [--stress-time D]
 * [--seed N] [--time-limit D]}: runs the conformance kit on the strategies a jar declares, or on every
 * strategy on the class path, and prints each property with its verdict. Exit 0 when all pass, 1 when
 * any property fails, 2 on invalid input.
 */
final class ConformCommand {
    private final List<Path> jars = new ArrayList<>();
    private final List<String> aliases = new ArrayList<>();
    private final Map<String, String> settings = new LinkedHashMap<>();
    private Conformance.Options options = Conformance.Options.defaults();

    private ConformCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        ConformCommand command = parse(args);
        List<CqPosterProvider> providers = command.select();
        return command.execute(providers, out);
    }

    private static final List<String> OPTIONS = List.of("--jar", "--strategies", "--strategy", "--setting", "--stress-time",
        "--time-limit", "--seed");

    static ConformCommand parse(String[] args) {
        ConformCommand command = new ConformCommand();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (!option.startsWith("--")) {
                throw new UsageException("conform takes options only, got " + option + "; for a jar use --jar " + option);
            }
            if (!OPTIONS.contains(option)) {
                throw new UsageException("unknown conform option " + option + "; valid options: --jar, --strategies,"
                    + " --setting, --stress-time, --time-limit, --seed");
            }
            if (i + 1 >= args.length) {
                throw new UsageException(option + " needs a value; see ./cqbench help");
            }
            String value = args[++i];
            switch (option) {
                case "--jar":
                    command.jars.add(Path.of(value));
                    break;
                case "--strategies":
                case "--strategy":
                    for (String alias : RunCommand.list(value, option)) {
                        if (command.aliases.contains(alias)) {
                            throw new UsageException(option + " names " + alias + " twice; name each once");
                        }
                        command.aliases.add(alias);
                    }
                    break;
                case "--setting":
                    int equals = value.indexOf('=');
                    if (equals <= 0) {
                        throw new UsageException("--setting needs NAME=VALUE, for example --setting slots=4; got " + value);
                    }
                    String name = value.substring(0, equals).trim();
                    if (command.settings.containsKey(name)) {
                        throw new UsageException("--setting " + name + " is given twice; give each setting once");
                    }
                    command.settings.put(name, value.substring(equals + 1).trim());
                    break;
                case "--stress-time":
                    command.options = command.options.withStressTime(DurationOption.parse(option, value,
                        Duration.ofMillis(100), Duration.ofHours(24)));
                    break;
                case "--time-limit":
                    command.options = command.options.withTimeLimit(DurationOption.parse(option, value,
                        Duration.ofSeconds(1), Duration.ofHours(24)));
                    break;
                case "--seed":
                    command.options = command.options.withSeed(parseSeed(value));
                    break;
                default:
                    throw new IllegalStateException("option " + option + " is listed but not handled");
            }
        }
        command.options = command.options.withSettings(command.settings);
        return command;
    }

    /** Reads a seed as printed by the kit, {@code 0x} and hex digits, or as a decimal number. */
    static long parseSeed(String value) {
        String text = value.trim();
        try {
            if (text.startsWith("0x") || text.startsWith("0X")) {
                return Long.parseUnsignedLong(text.substring(2), 16);
            }
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new UsageException("invalid --seed " + value + ": use the seed a run printed, such as 0x1f2e3d4c5b6a7988,"
                + " or a decimal number");
        }
    }

    /** Returns the strategies to check, every setting validated against each of them. */
    private List<CqPosterProvider> select() {
        List<Path> allJars = new ArrayList<>(jars);
        for (Path jar : StrategyJars.fromLauncher()) {
            if (!allJars.contains(jar)) {
                allJars.add(jar);
            }
        }
        List<CqPosterProvider> found = allJars.isEmpty() ? Strategies.load().all() : StrategyJars.load(allJars);
        List<CqPosterProvider> selected = new ArrayList<>();
        if (aliases.isEmpty()) {
            selected.addAll(found);
        } else {
            for (String alias : aliases) {
                CqPosterProvider match = found.stream().filter(p -> p.alias().equals(alias)).findFirst().orElse(null);
                if (match == null) {
                    List<String> names = new ArrayList<>();
                    found.forEach(p -> names.add(p.alias()));
                    throw new UsageException("--strategy " + alias + " is not among the strategies "
                        + (allJars.isEmpty() ? "on the class path" : "of " + allJars) + ": " + String.join(", ", names));
                }
                selected.add(match);
            }
        }
        for (CqPosterProvider provider : selected) {
            try {
                CqConfig.of(provider.alias(), provider.settings(), Math.max(512, provider.minEntries()), true, settings);
            } catch (InvalidSettingException e) {
                throw new UsageException(e.getMessage());
            }
        }
        return selected;
    }

    private int execute(List<CqPosterProvider> providers, PrintStream out) {
        String seed = "0x" + Long.toHexString(options.seed());
        out.println("conform: " + providers.size() + " strateg" + (providers.size() == 1 ? "y" : "ies") + ", "
            + Conformance.properties().size() + " properties each, seed " + seed + " (replay with --seed " + seed + ")");
        List<String> failed = new ArrayList<>();
        for (CqPosterProvider provider : providers) {
            out.println();
            out.println(provider.alias() + " (" + provider.getClass().getName() + ", "
                + (provider.producerModel() == ProducerModel.SINGLE ? "one producer" : "many producers")
                + (settings.isEmpty() ? "" : ", settings " + settings) + ")");
            List<PropertyResult> results = new ArrayList<>();
            int width = Conformance.properties().stream().mapToInt(p -> p.name().length()).max().orElse(0);
            for (Conformance.Property property : Conformance.properties()) {
                PropertyResult result = Conformance.check(provider, property, options);
                results.add(result);
                String line = String.format("  %-4s  %-" + width + "s  %6d ms", result.verdict(), result.property(),
                    result.millis());
                out.println(result.reason().isEmpty() ? line : line + "  " + result.reason());
                out.flush();
            }
            ConformanceReport report = new ConformanceReport(provider.alias(), results);
            out.println(provider.alias() + ": " + report.count(PropertyResult.Verdict.PASS) + " passed, "
                + report.count(PropertyResult.Verdict.FAIL) + " failed, " + report.count(PropertyResult.Verdict.SKIP)
                + " skipped");
            if (!report.passed()) {
                failed.add(provider.alias());
            }
        }
        out.println();
        if (failed.isEmpty()) {
            out.println("conform: every strategy passed");
            return 0;
        }
        out.println("conform: " + failed.size() + " of " + providers.size() + " failed: " + String.join(", ", failed)
            + " (seed " + seed + ")");
        return 1;
    }
}
