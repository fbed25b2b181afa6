package dev.chatmodels.quarkus.deployment.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark's figures as a markdown report: each figure of the model, the transport alone and the raw client, the
 * model/raw ratio next to its target, then the connections used.
 */
final class BenchReport {

    private final List<String> figures = new ArrayList<>();
    private final List<String> connections = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();

    /**
     * A figure: the model's, the transport's and the raw client's values (lower is better), in {@code unit}, with the
     * model/raw ratio and whether it is within {@code target}.
     */
    void figure(String figure, double model, double transport, double raw, Unit unit, double target) {
        double ratio = model / raw;
        figures.add(row(figure, unit.format(model), unit.format(transport), unit.format(raw),
                String.format(Locale.ROOT, "%.2fx", ratio), String.format(Locale.ROOT, "<= %.2fx", target),
                ratio <= target ? "yes" : "no"));
    }

    /** A figure this benchmark does not measure, with where it comes from instead. */
    void notMeasured(String figure, String why) {
        figures.add(row(figure, "", "", "", "", "", why));
    }

    /** A row of the connection table: the calls one client made in one phase, how many failed, the connections opened. */
    void connections(String phase, String client, long calls, long failed, int opened) {
        connections.add(row(phase, client, Long.toString(calls), Long.toString(failed), Integer.toString(opened)));
    }

    /** Notes the first failure of a client in a phase, with the message of its root cause. */
    void failure(String phase, String client, Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        failures.add("- " + client + ", " + phase + ": " + root.getClass().getName() + ": " + root.getMessage());
    }

    String markdown(String settings) {
        StringBuilder out = new StringBuilder();
        out.append("# Chat model call path vs raw Vert.x client (").append(Instant.now()).append(")\n\n");
        out.append(machine()).append("\n\n").append(settings).append("\n\n");
        out.append(row("Figure", "Model (ours)", "Transport alone", "Raw Vert.x client", "Model/raw", "Target", "Met"))
                .append('\n');
        out.append("|---|---:|---:|---:|---:|---:|:---:|\n");
        figures.forEach(r -> out.append(r).append('\n'));
        out.append('\n');
        out.append(row("Phase", "Client", "Calls", "Failed", "Connections opened")).append('\n');
        out.append("|---|---|---:|---:|---:|\n");
        connections.forEach(r -> out.append(r).append('\n'));
        if (!failures.isEmpty()) {
            out.append("\nFirst failure of each client and phase that had failures:\n\n");
            failures.forEach(f -> out.append(f).append('\n'));
        }
        return out.toString();
    }

    void write(Path file, String markdown) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, markdown, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the benchmark report " + file, e);
        }
    }

    static String machine() {
        return String.format(Locale.ROOT,
                "Machine: %s, %d cores available to the JVM, load average %.1f at the end, %s %s; Java %s (%s), max heap %d MB.",
                cpu(), Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"),
                System.getProperty("java.vm.name"), Runtime.getRuntime().maxMemory() / (1024 * 1024));
    }

    /** The processor's model name, where Linux tells it. */
    private static String cpu() {
        try (java.util.stream.Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(line -> line.startsWith("model name")).findFirst()
                    .map(line -> line.substring(line.indexOf(':') + 1).trim()).orElse("unknown processor");
        } catch (IOException | UncheckedIOException e) {
            return "unknown processor";
        }
    }

    private static String row(String... cells) {
        return "| " + String.join(" | ", cells) + " |";
    }

    /** How a figure's values are shown. */
    enum Unit {
        NANOS_AS_MILLIS {
            @Override
            String format(double value) {
                return String.format(Locale.ROOT, "%.3f ms", value / 1e6);
            }
        },
        NANOS_AS_MICROS {
            @Override
            String format(double value) {
                return String.format(Locale.ROOT, "%.1f µs", value / 1e3);
            }
        },
        BYTES_AS_KIB {
            @Override
            String format(double value) {
                return String.format(Locale.ROOT, "%.1f KiB", value / 1024);
            }
        },
        NANOS_AS_SECONDS {
            @Override
            String format(double value) {
                return String.format(Locale.ROOT, "%.3f s", value / 1e9);
            }
        };

        abstract String format(double value);
    }
}
