package dev.chatmodels.quarkus.deployment.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.chatmodels.quarkus.deployment.bench.Samples.Percentiles;
import dev.chatmodels.quarkus.deployment.bench.Throughput.Load;

/** The benchmark's figures as a markdown report: the comparison with the raw client, then the connections used. */
final class BenchReport {

    /** The target of DESIGN.md: the model within this factor of the raw client. */
    static final double TARGET = 1.15;

    private final List<String> comparisons = new ArrayList<>();
    private final List<String> connections = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();

    /** A latency row: median and p90 of the model, of the transport alone and of the raw client. */
    void latency(String measure, Percentiles model, Percentiles transport, Percentiles raw) {
        double ratio = (double) model.median() / raw.median();
        comparisons.add(row(measure, millis(model), millis(transport), millis(raw), ratio(ratio),
                ratio((double) model.p90() / raw.p90()), verdict(ratio)));
    }

    /** A throughput row, in calls per second; the ratio is the raw client's throughput over the model's. */
    void throughput(String measure, Load model, Load transport, Load raw) {
        double ratio = raw.perSecond() / model.perSecond();
        comparisons.add(row(measure, perSecond(model), perSecond(transport), perSecond(raw), ratio(ratio), "",
                verdict(ratio)));
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
        out.append("# Chat model call path vs raw Vert.x client (").append(LocalDate.now()).append(")\n\n");
        out.append(machine()).append("\n").append(settings).append("\n\n");
        out.append(row("Measure", "Model (ours)", "REST Client transport alone", "Raw Vert.x client",
                "Model/raw median", "Model/raw p90", "Within " + TARGET + "x")).append('\n');
        out.append("|---|---:|---:|---:|---:|---:|:---:|\n");
        comparisons.forEach(r -> out.append(r).append('\n'));
        out.append("\nLatencies are median / p90. Throughput ratios are raw calls/s over model calls/s "
                + "(time per call, like the latency ratios); failed calls, counted over warm-up and measurement, are "
                + "left out of calls/s.\n\n");
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
        return String.format(Locale.ROOT, "Machine: %d cores available to the JVM, %s %s, Java %s (%s), max heap %d MB.",
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                System.getProperty("os.arch"), System.getProperty("java.version"), System.getProperty("java.vm.name"),
                Runtime.getRuntime().maxMemory() / (1024 * 1024));
    }

    private static String millis(Percentiles percentiles) {
        return String.format(Locale.ROOT, "%.3f / %.3f ms", percentiles.median() / 1e6, percentiles.p90() / 1e6);
    }

    private static String perSecond(Load load) {
        String rate = String.format(Locale.ROOT, "%.0f calls/s", load.perSecond());
        return load.all().failures() == 0 ? rate : rate + " (" + load.all().failures() + " failed)";
    }

    private static String ratio(double ratio) {
        return String.format(Locale.ROOT, "%.2fx", ratio);
    }

    private static String verdict(double ratio) {
        return ratio <= TARGET ? "yes" : "no";
    }

    private static String row(String... cells) {
        return "| " + String.join(" | ", cells) + " |";
    }
}
