package dev.latchkey.common.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.ConfigMappingInterface.Property;
import io.smallrye.config.ConfigMappings;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Keeps {@code docs/configuration.md} and the {@code @ConfigMapping} interfaces together: the keys of every mapping
 * compiled alongside a class (its module), read through SmallRye's own mapping metadata ({@link ConfigMappings}), must
 * be exactly the {@code latchkey.*} rows of that module's table, with their environment variable and default.
 */
public final class ConfigurationDoc {

    /** One mapped key, its {@code @WithDefault} if any, and the mapping that declares it. */
    public record Key(String name, Optional<String> defaultValue, Class<?> mapping) {
    }

    /** One documented row. */
    public record Row(String key, String environmentVariable, String defaultValue) {
    }

    /** The heading of the table of common's keys. */
    public static final String SHARED = "Shared keys (common)";

    private ConfigurationDoc() {
    }

    /** Fails when the table under {@code ## <section>} and the mappings of {@code anchor}'s module differ. */
    public static void assertDocumented(String section, Class<?> anchor) {
        Map<String, Key> mapped = mappedKeys(anchor);
        Map<String, Row> documented = documented(section);
        assertEquals(new TreeSet<>(mapped.keySet()), new TreeSet<>(documented.keySet()),
                "docs/configuration.md section '" + section + "' must list exactly the keys of the @ConfigMapping "
                        + "interfaces of " + mappings(anchor));
        for (Key key : mapped.values()) {
            Row row = documented.get(key.name());
            assertEquals("`" + environmentVariable(key.name()) + "`", row.environmentVariable(),
                    "environment variable of " + key.name());
            if (key.defaultValue().isPresent()) {
                assertEquals("`" + key.defaultValue().get() + "`", row.defaultValue(),
                        "default of " + key.name() + " (@WithDefault in " + key.mapping().getSimpleName() + ")");
            } else {
                assertTrue(!row.defaultValue().matches("`[^`]*`"),
                        key.name() + " has no @WithDefault in " + key.mapping().getSimpleName()
                                + ": its default cell must say so (none, required, ...), not show a value");
            }
        }
    }

    /**
     * Fails when the module's {@code application.properties} sets a {@code latchkey.*} key that no mapping of the
     * module or of {@code common} declares: every setting lives in a mapping.
     */
    public static void assertPropertiesMapped(Class<?> anchor, Class<?> commonAnchor) {
        Map<String, Key> mapped = new TreeMap<>(mappedKeys(anchor));
        mapped.putAll(mappedKeys(commonAnchor));
        Properties properties = applicationProperties(anchor);
        List<String> unmapped = new ArrayList<>();
        for (String name : properties.stringPropertyNames()) {
            String key = name.startsWith("%") ? name.substring(name.indexOf('.') + 1) : name;
            if (key.startsWith("latchkey.") && !mapped.containsKey(key)) {
                unmapped.add(name);
            }
        }
        assertEquals(List.of(), unmapped, "application.properties keys without a @ConfigMapping");
    }

    /**
     * The module's configuration in the prod profile, as a packaged service reads it: its application.properties,
     * then {@code environment} as environment variables, with every mapping of the module and of {@code common}.
     * Building it fails as the service's start would when a required key is missing.
     */
    public static SmallRyeConfig prodConfig(Class<?> anchor, Class<?> commonAnchor, Map<String, String> environment) {
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder().addDefaultInterceptors().addDiscoveredConverters()
                .withProfile("prod").withValidateUnknown(false);
        try {
            builder.withSources(
                    new PropertiesConfigSource(location(anchor).resolve("application.properties").toUri().toURL(), 250), new EnvConfigSource(environment, 300));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        mappings(anchor).forEach(builder::withMapping);
        mappings(commonAnchor).forEach(builder::withMapping);
        return builder.build();
    }

    /** The environment variable SmallRye maps to {@code key}; a map key ({@code *}) is written {@code <NAME>}. */
    public static String environmentVariable(String key) {
        return key.replace("*", "<NAME>").replaceAll("[^A-Za-z0-9<>]", "_").toUpperCase(Locale.ROOT);
    }

    /** Every mapped key of the {@code @ConfigMapping} interfaces compiled alongside {@code anchor}. */
    public static Map<String, Key> mappedKeys(Class<?> anchor) {
        Map<String, Key> keys = new TreeMap<>();
        for (Class<?> mapping : mappings(anchor)) {
            String prefix = mapping.getAnnotation(ConfigMapping.class).prefix();
            Map<String, Property> properties = ConfigMappings.getProperties(ConfigMappings.ConfigClass.configClass(mapping, prefix));
            properties.forEach((path, property) -> {
                // a list is also mapped in its indexed form (key[0], key[1], ...): one key in the doc
                if (property.isDefaultMethod() || property.isToStringMethod() || path.endsWith("[*]")) {
                    return;
                }
                String name = path.startsWith(prefix + ".") ? path : prefix + "." + path;
                Property leaf = property.isOptional() ? property.asOptional().getNestedProperty() : property;
                Optional<String> defaultValue = leaf.hasDefaultValue() ? Optional.ofNullable(leaf.getDefaultValue())
                        : property.hasDefaultValue() ? Optional.ofNullable(property.getDefaultValue()) : Optional.empty();
                keys.put(name, new Key(name, defaultValue, mapping));
            });
        }
        return keys;
    }

    /** The {@code @ConfigMapping} interfaces in the classes directory or jar {@code anchor} was loaded from. */
    public static List<Class<?>> mappings(Class<?> anchor) {
        List<Class<?>> mappings = new ArrayList<>();
        for (String name : classNames(anchor)) {
            try {
                Class<?> type = Class.forName(name, false, anchor.getClassLoader());
                if (type.isInterface() && type.isAnnotationPresent(ConfigMapping.class)) {
                    mappings.add(type);
                }
            } catch (ClassNotFoundException | LinkageError e) {
                // not loadable here: cannot be a mapping the module uses
            }
        }
        mappings.sort((a, b) -> a.getName().compareTo(b.getName()));
        return mappings;
    }

    /** The {@code latchkey.*} rows of the table(s) under the heading {@code ## <section>} of docs/configuration.md. */
    public static Map<String, Row> documented(String section) {
        Map<String, Row> rows = new TreeMap<>();
        boolean inSection = false;
        boolean found = false;
        for (String line : readDoc()) {
            if (line.startsWith("## ")) {
                inSection = line.substring(3).strip().equals(section);
                found |= inSection;
                continue;
            }
            if (!inSection || !line.startsWith("|")) {
                continue;
            }
            String[] cells = line.split("\\|");
            if (cells.length < 5) {
                continue;
            }
            String key = cells[1].strip().replace("`", "");
            if (!key.startsWith("latchkey.")) {
                continue;
            }
            Row previous = rows.put(key, new Row(key, cells[2].strip(), cells[3].strip()));
            assertTrue(previous == null, key + " is listed twice under " + section);
        }
        assertTrue(found, "docs/configuration.md has no section '## " + section + "'");
        return rows;
    }

    private static List<String> readDoc() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("docs/configuration.md"))) {
            dir = dir.getParent();
        }
        assertTrue(dir != null, "docs/configuration.md not found above " + Path.of("").toAbsolutePath());
        try {
            return Files.readAllLines(dir.resolve("docs/configuration.md"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Properties applicationProperties(Class<?> anchor) {
        Path location = location(anchor);
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(location.resolve("application.properties"))) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    private static Path location(Class<?> anchor) {
        try {
            return Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> classNames(Class<?> anchor) {
        Path location = location(anchor);
        List<String> names = new ArrayList<>();
        try {
            if (Files.isDirectory(location)) {
                try (Stream<Path> files = Files.walk(location)) {
                    files.filter(f -> f.toString().endsWith(".class")).forEach(f -> names.add(
                            className(location.relativize(f).toString().replace('\\', '/'))));
                }
            } else {
                try (JarFile jar = new JarFile(location.toFile())) {
                    for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements();) {
                        String entry = entries.nextElement().getName();
                        if (entry.endsWith(".class")) {
                            names.add(className(entry));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    private static String className(String path) {
        return path.substring(0, path.length() - ".class".length()).replace('/', '.');
    }
}
