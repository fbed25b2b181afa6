package dev.chatmodels.quarkus.deployment.observability;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The series of a Prometheus text scrape, read back by name and labels. */
record PrometheusText(String text) {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)\\{(.*)\\}\\s+(\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** One sample: its labels and value. */
    record Sample(Map<String, String> labels, double value) {
    }

    /** Every sample of {@code name}. */
    List<Sample> samples(String name) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher sample = SAMPLE.matcher(line.trim());
            if (sample.matches() && sample.group(1).equals(name)) {
                Map<String, String> labels = new LinkedHashMap<>();
                Matcher label = LABEL.matcher(sample.group(2));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
                samples.add(new Sample(labels, Double.parseDouble(sample.group(3))));
            }
        }
        return samples;
    }

    /** The samples of {@code name} whose labels include all of {@code labels}. */
    List<Sample> samples(String name, Map<String, String> labels) {
        return samples(name).stream().filter(s -> s.labels().entrySet().containsAll(labels.entrySet())).toList();
    }

    /** The value of the one sample of {@code name} with {@code labels}. */
    double value(String name, Map<String, String> labels) {
        List<Sample> matching = samples(name, labels);
        if (matching.size() != 1) {
            throw new AssertionError("Expected one sample of " + name + " with " + labels + ", found " + matching
                    + " in\n" + text);
        }
        return matching.get(0).value();
    }
}
