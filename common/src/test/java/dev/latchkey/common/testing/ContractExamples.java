package dev.latchkey.common.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The examples of a service's contract are bodies the service really reads: every record of the module
 * ({@code target/classes}) with a {@code public static final String EXAMPLE} is read back into that record with the
 * service's own ObjectMapper (unknown fields are errors there) and validated with its Bean Validation constraints.
 * Spectral validates only OpenAPI's singular {@code example}, not the {@code examples} of a 3.1 schema.
 */
public final class ContractExamples {

    private ContractExamples() {
    }

    /** What is wrong with the examples, one line each; also a line when there are none at all. */
    public static List<String> check(ObjectMapper json, Validator validator) {
        List<String> failures = new ArrayList<>();
        List<Class<?>> records = recordsWithExamples(Path.of("target", "classes"));
        if (records.isEmpty()) {
            failures.add("no record in target/classes has an EXAMPLE");
        }
        for (Class<?> record : records) {
            String example = example(record);
            try {
                Object body = json.readValue(example, record);
                for (ConstraintViolation<Object> violation : validator.validate(body)) {
                    failures.add(record.getSimpleName() + ".EXAMPLE: " + violation.getPropertyPath() + " "
                            + violation.getMessage());
                }
            } catch (JsonProcessingException e) {
                failures.add(record.getSimpleName() + ".EXAMPLE cannot be read: " + e.getOriginalMessage());
            }
        }
        return failures;
    }

    private static List<Class<?>> recordsWithExamples(Path classes) {
        try (Stream<Path> files = Files.walk(classes)) {
            List<Class<?>> records = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".");
                Class<?> type = Class.forName(name.substring(0, name.length() - ".class".length()), false,
                        Thread.currentThread().getContextClassLoader());
                if (type.isRecord() && example(type) != null) {
                    records.add(type);
                }
            }
            return records;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String example(Class<?> type) {
        try {
            Field field = type.getDeclaredField("EXAMPLE");
            int modifiers = field.getModifiers();
            return Modifier.isStatic(modifiers) && field.getType() == String.class ? (String) field.get(null) : null;
        } catch (NoSuchFieldException e) {
            return null;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
