package io.cqbench.harness.broken;

import io.cqbench.spi.CqPosterProvider;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Writes the catalog as a strategy jar, the way an author ships a strategy: the catalog's classes and
 * a services file naming the chosen providers. Works whether the catalog is on the class path as a
 * directory (this module's tests) or inside the harness test jar (the workloads module's tests).
 */
public final class CatalogJar {
    private static final String PACKAGE = BrokenProvider.class.getPackageName().replace('.', '/') + "/";

    private CatalogJar() {
    }

    /** Writes {@code jar} with every catalog class and a services file naming {@code providers}. */
    @SafeVarargs
    public static Path write(Path jar, Class<? extends CqPosterProvider>... providers) throws IOException {
        Path source;
        try {
            source = Path.of(BrokenProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException("cannot locate the catalog's classes: " + e.getMessage(), e);
        }
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            if (Files.isDirectory(source)) {
                try (Stream<Path> classes = Files.list(source.resolve(PACKAGE))) {
                    for (Path path : (Iterable<Path>) classes.filter(p -> p.toString().endsWith(".class"))::iterator) {
                        add(out, PACKAGE + path.getFileName(), Files.readAllBytes(path));
                    }
                }
            } else {
                try (JarFile tests = new JarFile(source.toFile())) {
                    for (Enumeration<JarEntry> entries = tests.entries(); entries.hasMoreElements(); ) {
                        JarEntry entry = entries.nextElement();
                        if (entry.getName().startsWith(PACKAGE) && entry.getName().endsWith(".class")) {
                            try (InputStream in = tests.getInputStream(entry)) {
                                add(out, entry.getName(), in.readAllBytes());
                            }
                        }
                    }
                }
            }
            StringBuilder services = new StringBuilder("# the broken strategies this jar declares\n");
            for (Class<? extends CqPosterProvider> provider : providers) {
                services.append(provider.getName()).append('\n');
            }
            add(out, "META-INF/services/" + CqPosterProvider.class.getName(), services.toString().getBytes(StandardCharsets.UTF_8));
        }
        return jar;
    }

    private static void add(JarOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(bytes);
        out.closeEntry();
    }
}
