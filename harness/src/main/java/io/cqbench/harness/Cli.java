package io.cqbench.harness;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;

/**
 * The {@code cqbench} command line: {@code list}, {@code run}, {@code verify-trace}, {@code compare},
 * {@code report}, {@code export} and {@code help}.
 * Exit status 0 on success, 1 when a benchmark or a verification failed, 2 on invalid input.
 */
public final class Cli {
    static final String USAGE = String.join("\n",
        "usage: cqbench <command> [options]",
        "",
        "commands:",
        "  list                         print every strategy and workload with its settings and parameters",
        "  run [options] [-- JMH options]",
        "                               run benchmarks, verify every CQE, write JMH JSON and a summary",
        "  verify-trace FILE...         check the ordering rule on io_uring captures (ftrace or perf script,",
        "                               plain or gzip) and print a summary per ring",
        "  report FILE.json... [--out PREFIX]",
        "                               write an HTML page with charts and a Markdown summary of runs",
        "  export FILE.json [--out OUT.json]",
        "                               convert a run for github-action-benchmark (customBiggerIsBetter)",
        "  compare BASE.json NEW.json [--fail-on-regression PERCENT]",
        "                               pair two runs' benchmarks, print ratios and significant changes;",
        "                               exit 1 when a significant regression exceeds PERCENT",
        "  conform [--jar FILE]... [--strategies A,B] [--setting NAME=VALUE]... [--stress-time D] [--time-limit D]",
        "          [--seed N]",
        "                               check strategies against the ordering contract, property by property;",
        "                               with --jar only the strategies that jar declares (default: all on the",
        "                               class path); exit 1 when a property fails",
        "  stress [--strategies A,B] [--producers 1,2,4] [--duration D] [--round D] [--seed N]",
        "                               concurrency soak: producer threads and a consumer thread per strategy,",
        "                               every CQE checked, each round's seed printed (default 1m per strategy",
        "                               and producer count, in rounds of 5s)",
        "  help                         print this text",
        "",
        "run options:",
        "  --profile smoke|quick|full   forks, iterations and parameter values (default quick: about 28 min on 2 cores)",
        "  --strategies A,B,...         strategy aliases to run (default: all found on the class path)",
        "  --workloads X,Y,...          workload names to run (default: all)",
        "  --out FILE                   JMH JSON output; must not exist (default: results/<time>-<profile>.json)",
        "  --time-limit DURATION        longest one benchmark fork may run before it is killed and its benchmark",
        "                               fails, such as 90s, 10m or 2h (default: twice its iteration time plus 1m)",
        "  -- JMH options               passed to JMH, for example: -- -p slots=1,4,16,64 -prof gc -f 1",
        "",
        "the launcher also takes --jar FILE (repeatable) to put a strategy jar on the class path.");

    private Cli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command and returns its exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        // Numbers in tables, reports and exports read the same everywhere: 64.36, not 64,36.
        Locale.setDefault(Locale.ROOT);
        if (args.length == 0) {
            err.println(USAGE);
            return 2;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            switch (args[0]) {
                case "list":
                    if (rest.length > 0) {
                        throw new UsageException("list takes no arguments, got: " + String.join(" ", rest));
                    }
                    ListCommand.print(Strategies.load(), Workloads.load(), out);
                    return 0;
                case "run":
                    return RunCommand.parse(rest).execute(out, err);
                case "verify-trace":
                    return VerifyTraceCommand.run(rest, out, err);
                case "compare":
                    return CompareCommand.run(rest, out, err);
                case "report":
                    return ReportCommand.run(rest, out, err);
                case "export":
                    return ExportCommand.run(rest, out, err);
                case "conform":
                    return ConformCommand.run(rest, out, err);
                case "stress":
                    return StressCommand.run(rest, out, err);
                case "help":
                case "--help":
                case "-h":
                    out.println(USAGE);
                    return 0;
                default:
                    throw new UsageException("unknown command " + args[0] + "; valid commands: list, run, verify-trace, compare, report, export, conform, stress, help");
            }
        } catch (UsageException e) {
            err.println("cqbench: " + e.getMessage());
            return 2;
        }
    }
}
