package io.cqbench.harness;

import io.cqbench.spi.CqPosterProvider;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * The strategies a jar declares: the classes its own
 * {@code META-INF/services/io.cqbench.spi.CqPosterProvider} names, loaded from that jar (or from the
 * class path, when the launcher already put the jar there). Strategies of other jars are not included,
 * so {@code conform --jar} checks exactly the author's strategies.
 */
final class StrategyJars {
    static final String SERVICES = "META-INF/services/" + CqPosterProvider.class.getName();
    /** Jars the launcher put on the class path with {@code --jar}, separated by the path separator. */
    static final String PROPERTY = "cqbench.jars";

    private StrategyJars() {
    }

    /** Returns the jars named by the launcher's {@code cqbench.jars} property, in order. */
    static List<Path> fromLauncher() {
        String value = System.getProperty(PROPERTY, "");
        List<Path> jars = new ArrayList<>();
        for (String part : value.split(File.pathSeparator)) {
            if (!part.isEmpty()) {
                jars.add(Path.of(part));
            }
        }
        return jars;
    }

    /** Loads every provider the jars declare, in declaration order; throws {@link UsageException} on a bad jar. */
    static List<CqPosterProvider> load(List<Path> jars) {
        List<URL> urls = new ArrayList<>();
        for (Path jar : jars) {
            if (!Files.isRegularFile(jar)) {
                throw new UsageException("--jar " + jar + " is not a file; pass the strategy's built jar, for example"
                    + " target/my-strategy-1.0.jar");
            }
            try {
                urls.add(jar.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new UsageException("--jar " + jar + " cannot be read: " + e.getMessage());
            }
        }
        URLClassLoader loader = new URLClassLoader(urls.toArray(new URL[0]), StrategyJars.class.getClassLoader());
        List<CqPosterProvider> providers = new ArrayList<>();
        for (Path jar : jars) {
            List<String> names = declared(jar);
            if (names.isEmpty()) {
                throw new UsageException(jar + " declares no strategy: it has no " + SERVICES + " naming a provider class;"
                    + " add that file with one line per CqPosterProvider class (see the README, Adding a strategy)");
            }
            for (String name : names) {
                providers.add(instantiate(jar, name, loader));
            }
        }
        return providers;
    }

    private static List<String> declared(Path jar) {
        List<String> names = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            ZipEntry entry = file.getEntry(SERVICES);
            if (entry == null) {
                return names;
            }
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(file.getInputStream(entry),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    int comment = line.indexOf('#');
                    String name = (comment >= 0 ? line.substring(0, comment) : line).trim();
                    if (!name.isEmpty()) {
                        names.add(name);
                    }
                }
            }
        } catch (IOException e) {
            throw new UsageException(jar + " is not a readable jar: " + e.getMessage());
        }
        return names;
    }

    private static CqPosterProvider instantiate(Path jar, String name, ClassLoader loader) {
        Class<?> type;
        try {
            type = Class.forName(name, true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new UsageException(jar + " names " + name + " in " + SERVICES + ", but the class cannot be loaded ("
                + e + "); check the name and that the jar contains it and its dependencies");
        }
        if (!CqPosterProvider.class.isAssignableFrom(type)) {
            throw new UsageException(jar + " names " + name + " in " + SERVICES + ", but it does not implement "
                + CqPosterProvider.class.getName());
        }
        try {
            return (CqPosterProvider) type.getConstructor().newInstance();
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            throw new UsageException(name + " from " + jar + " cannot be created (" + e + "); a provider needs a public"
                + " no-argument constructor");
        }
    }
}
