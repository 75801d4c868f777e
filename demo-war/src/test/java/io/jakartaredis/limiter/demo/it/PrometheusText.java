package io.jakartaredis.limiter.demo.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;

/** Reads samples out of a scraped Prometheus text exposition. */
final class PrometheusText {

    private PrometheusText() {
    }

    /**
     * The value of the one sample named {@code metric} whose labels include {@code labels} (name,
     * value, name, value, …); other labels the server adds (its scope, the deployment) are ignored.
     */
    static double value(String exposition, String metric, String... labels) {
        List<String> matching = exposition.lines()
                .filter(line -> line.startsWith(metric + "{") && hasLabels(line, labels)).toList();
        if (matching.size() != 1) {
            fail(matching.size() + " samples of " + metric + " with " + List.of(labels) + " in:\n" + ours(exposition));
        }
        String sample = matching.get(0);
        return Double.parseDouble(sample.substring(sample.lastIndexOf(' ') + 1));
    }

    private static boolean hasLabels(String line, String... labels) {
        String labelSet = line.substring(line.indexOf('{'), line.lastIndexOf('}') + 1);
        for (int i = 0; i < labels.length; i += 2) {
            String label = labels[i] + "=\"" + labels[i + 1] + "\"";
            if (!labelSet.contains("{" + label) && !labelSet.contains("," + label)) {
                return false;
            }
        }
        return true;
    }

    /** The limiter's lines, for a failure message that does not drown in the server's own metrics. */
    static String ours(String exposition) {
        return String.join("\n", exposition.lines().filter(line -> line.contains("ratelimit")).toList());
    }
}
