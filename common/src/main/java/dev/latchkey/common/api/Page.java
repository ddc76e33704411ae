package dev.latchkey.common.api;

import java.util.List;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of a list, newest first unless the endpoint says otherwise. */
public record Page<T>(
        List<T> items,
        @Schema(description = "Zero-based page index", examples = "0") int page,
        @Schema(description = "Page size", examples = "50") int size,
        @Schema(description = "Number of items in all pages", examples = "1") long total) {

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), page, size, total);
    }
}
