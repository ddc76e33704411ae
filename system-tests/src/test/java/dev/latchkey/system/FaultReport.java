package dev.latchkey.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of the fault suite, written to {@code target/fault-latency.txt}: per fault, how long a token deleted
 * just before it stayed accepted (p50, p99, max over the trials), how long the services took to be ready again, and
 * the answers the load got meanwhile by kind.
 */
final class FaultReport {

    private final Map<String, List<Long>> latencies = new LinkedHashMap<>();
    private final Map<String, List<Long>> recoveries = new LinkedHashMap<>();
    private final Map<String, Map<String, Long>> answers = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    synchronized void latency(String fault, long millis) {
        latencies.computeIfAbsent(fault, k -> new ArrayList<>()).add(millis);
    }

    synchronized void recovery(String fault, long millis) {
        recoveries.computeIfAbsent(fault, k -> new ArrayList<>()).add(millis);
    }

    synchronized void answers(String fault, Map<String, Long> counts) {
        answers.put(fault, counts);
    }

    synchronized void note(String line) {
        notes.add(line);
    }

    synchronized long max(String fault) {
        return latencies.getOrDefault(fault, List.of()).stream().mapToLong(Long::longValue).max().orElse(0);
    }

    synchronized String latencyLine(String fault) {
        return fault + ": " + stats(latencies.getOrDefault(fault, List.of()));
    }

    private static String stats(List<Long> values) {
        if (values.isEmpty()) {
            return "no trials";
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return "n=" + sorted.size() + " p50=" + percentile(sorted, 50) + " p99=" + percentile(sorted, 99)
                + " max=" + sorted.get(sorted.size() - 1) + " ms " + values;
    }

    static long percentile(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    synchronized String summary() {
        StringBuilder out = new StringBuilder("A token deleted just before the fault was accepted for (ms after its 204):\n");
        latencies.forEach((fault, values) -> out.append("  ").append(fault).append(": ").append(stats(values)).append('\n'));
        out.append("Ready again after (ms):\n");
        recoveries.forEach((fault, values) -> out.append("  ").append(fault).append(": ").append(stats(values)).append('\n'));
        out.append("Answers the load got, by fault:\n");
        answers.forEach((fault, counts) -> out.append("  ").append(fault).append(": ").append(counts).append('\n'));
        notes.forEach(note -> out.append(note).append('\n'));
        return out.toString();
    }

    synchronized void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, summary());
    }
}
