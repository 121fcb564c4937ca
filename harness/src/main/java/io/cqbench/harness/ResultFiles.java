package io.cqbench.harness;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;

/**
 * The output files of a run (JMH JSON, summary and metadata), chosen and checked before any benchmark runs. Each file is
 * written whole to a temporary file and then linked to its final name. So an interrupted run leaves no
 * file that looks complete, and no earlier file is ever replaced.
 */
final class ResultFiles {
    private final Path json;
    private final Path summary;
    private final Path metadata;

    private ResultFiles(Path json, Path summary, Path metadata) {
        this.json = json;
        this.summary = summary;
        this.metadata = metadata;
    }

    /**
     * Picks the output files: {@code out} when given (it must not exist), else a new name under the
     * {@code results} directory of the cqbench checkout. Checks that the directory is writable.
     */
    static ResultFiles prepare(Path out, Profile profile) {
        Path json;
        if (out != null) {
            json = out.toAbsolutePath().normalize();
            if (Files.isDirectory(json)) {
                throw new UsageException("--out " + out + " is a directory; give a file name ending in .json");
            }
            if (Files.exists(json)) {
                throw new UsageException("output file " + out + " exists; cqbench never overwrites results:"
                    + " choose another --out or move the file away");
            }
            if (!json.getFileName().toString().endsWith(".json")) {
                throw new UsageException("output file " + out + " must end in .json");
            }
            Path parent = json.getParent();
            if (!Files.isDirectory(parent)) {
                throw new UsageException("cannot write " + out + ": " + parent
                    + (Files.exists(parent) ? " is not a directory" : " does not exist; create it first"));
            }
        } else {
            Path dir = Path.of(System.getProperty("cqbench.home", ".")).resolve("results").toAbsolutePath();
            String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
            json = dir.resolve(stamp + "-" + profile.label() + ".json");
            for (int n = 2; Files.exists(json) || Files.exists(sibling(json, ".summary.txt"))
                || Files.exists(sibling(json, ".meta.json")); n++) {
                json = dir.resolve(stamp + "-" + profile.label() + "-" + n + ".json");
            }
        }
        Path summary = sibling(json, ".summary.txt");
        Path metadata = sibling(json, ".meta.json");
        for (Path companion : List.of(summary, metadata)) {
            if (Files.exists(companion)) {
                throw new UsageException("file " + companion + " exists; cqbench never overwrites results: choose another --out");
            }
        }
        checkWritable(json.getParent());
        return new ResultFiles(json, summary, metadata);
    }

    /** Returns the file beside {@code json} with the same name and {@code suffix} in place of {@code .json}. */
    static Path sibling(Path json, String suffix) {
        String name = json.getFileName().toString();
        return json.resolveSibling(name.substring(0, name.length() - ".json".length()) + suffix);
    }

    private static void checkWritable(Path dir) {
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".cqbench-", ".probe");
            Files.delete(probe);
        } catch (IOException | UnsupportedOperationException e) {
            throw new UsageException("cannot write results to " + dir + " (" + e + "); choose a writable --out");
        }
    }

    Path json() {
        return json;
    }

    Path summary() {
        return summary;
    }

    Path metadata() {
        return metadata;
    }

    /** Writes the run's metadata as indented JSON. */
    void writeMetadata(RunMetadata run) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        writeAtomically(metadata, stream -> {
            try {
                stream.print(mapper.writeValueAsString(run));
                stream.println();
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot serialize run metadata", e);
            }
        });
    }

    /** Writes the results as JMH's JSON, exactly as JMH's own {@code -rf json} would. */
    void writeJson(Collection<RunResult> results) {
        writeAtomically(json, stream -> ResultFormatFactory.getInstance(ResultFormatType.JSON, stream).writeOut(results));
    }

    void writeSummary(String text) {
        writeAtomically(summary, stream -> stream.print(text));
    }

    /** Writes the content of one file. */
    interface Writer {
        void write(PrintStream stream);
    }

    /**
     * Writes {@code target} through a temporary file and a hard link, so it never appears half written or
     * replaced. A complete temporary file that cannot be linked into place is kept, and the exception names it.
     */
    static void writeAtomically(Path target, Writer writer) {
        Path temp = null;
        boolean written = false;
        boolean linked = false;
        try {
            temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            if (Files.getFileStore(temp).supportsFileAttributeView("posix")) {
                // Temporary files start private (0600); results are meant to be shared like any output.
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
            }
            try (PrintStream stream = new PrintStream(Files.newOutputStream(temp), false, StandardCharsets.UTF_8)) {
                writer.write(stream);
                if (stream.checkError()) {
                    throw new IOException("write to " + temp + " failed");
                }
            }
            written = true;
            // A hard link fails when the target exists, so a file written meanwhile is never replaced.
            Files.createLink(target, temp);
            linked = true;
        } catch (FileAlreadyExistsException e) {
            throw new UncheckedIOException("not overwriting " + target + ", which appeared during the run; results are in " + temp, e);
        } catch (IOException e) {
            throw new UncheckedIOException("failed to write " + target + ": " + e.getMessage()
                + (written ? "; results are in " + temp : ""), e);
        } finally {
            if (!written || linked) {
                deleteQuietly(temp);
            }
        }
    }

    /**
     * Deletes a temporary file that is linked into place or incomplete. One that cannot be deleted stays:
     * it is hidden, and no later run reads it or is blocked by it.
     */
    private static void deleteQuietly(Path temp) {
        if (temp == null) {
            return;
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // kept: it is hidden, and no later run reads it
        }
    }
}
