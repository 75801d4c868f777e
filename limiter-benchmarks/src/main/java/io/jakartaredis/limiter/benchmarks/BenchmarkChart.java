package io.jakartaredis.limiter.benchmarks;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

import javax.imageio.ImageIO;

/**
 * Draws {@code benchmark.png} with plain Java 2D (headless): bars of throughput, p50 and p99 per
 * scenario, grouped by thread count. Latencies use a logarithmic axis.
 */
final class BenchmarkChart {

    private static final int WIDTH = 1200;
    private static final int PANEL_HEIGHT = 300;
    private static final int LEFT = 90;
    private static final int TOP = 50;
    /** In {@link Scenario} order: floors grey, ours blue (unpipelined lighter), Bucket4j red. */
    private static final Color[] COLORS = {
        new Color(0x888888), new Color(0x444444), new Color(0x1f77b4), new Color(0x17becf), new Color(0x9ecae1),
        new Color(0xb8e6ee), new Color(0xd62728), new Color(0xff9896)};

    private BenchmarkChart() {
    }

    static void write(List<ScenarioResult> results, List<Integer> threadCounts, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(WIDTH, TOP + 3 * (PANEL_HEIGHT + 40) + 60, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString("Rate-limit decisions against one redis-server (higher throughput, lower latency is better)", LEFT, 25);
        panel(g, results, threadCounts, "decisions / s", ScenarioResult::opsPerSecond, false, TOP);
        panel(g, results, threadCounts, "p50 latency, µs (log)", ScenarioResult::p50Micros, true, TOP + PANEL_HEIGHT + 40);
        panel(g, results, threadCounts, "p99 latency, µs (log)", ScenarioResult::p99Micros, true, TOP + 2 * (PANEL_HEIGHT + 40));
        legend(g, TOP + 3 * (PANEL_HEIGHT + 40) + 10);
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    private static void panel(Graphics2D g, List<ScenarioResult> results, List<Integer> threadCounts, String title,
                              ToDoubleFunction<ScenarioResult> value, boolean log, int top) {
        double max = results.stream().mapToDouble(value).max().orElse(1);
        double min = Math.max(1, results.stream().mapToDouble(value).min().orElse(1) / 2);
        int bottom = top + PANEL_HEIGHT - 30;
        int right = WIDTH - 20;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.setColor(Color.BLACK);
        g.drawString(title, 10, top + 12);
        g.setStroke(new BasicStroke(1));
        g.drawLine(LEFT, bottom, right, bottom);
        g.drawLine(LEFT, top + 20, LEFT, bottom);
        g.drawString(label(max), 10, top + 30);
        g.drawString(log ? label(min) : "0", 10, bottom);
        Scenario[] scenarios = Scenario.values();
        int groupWidth = (right - LEFT) / threadCounts.size();
        int barWidth = (groupWidth - 40) / scenarios.length;
        for (int t = 0; t < threadCounts.size(); t++) {
            int groupLeft = LEFT + t * groupWidth + 20;
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            g.drawString(threadCounts.get(t) + " thread" + (threadCounts.get(t) == 1 ? "" : "s"), groupLeft + groupWidth / 2 - 40, bottom + 18);
            for (int s = 0; s < scenarios.length; s++) {
                var result = Targets.find(results, scenarios[s], threadCounts.get(t));
                if (result.isEmpty()) {
                    continue;
                }
                double v = value.applyAsDouble(result.get());
                double fraction = log ? Math.log(Math.max(v, min) / min) / Math.log(max / min) : v / max;
                int height = (int) Math.round(fraction * (bottom - top - 30));
                int x = groupLeft + s * barWidth;
                g.setColor(COLORS[s]);
                g.fillRect(x, bottom - height, barWidth - 4, height);
                g.setColor(Color.DARK_GRAY);
                g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
                g.drawString(label(v), x, bottom - height - 3);
            }
        }
    }

    private static void legend(Graphics2D g, int top) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        int x = LEFT;
        int y = top;
        for (Scenario s : Scenario.values()) {
            String text = s.label().replace("`", "");
            int width = g.getFontMetrics().stringWidth(text) + 40;
            if (x + width > WIDTH) {
                x = LEFT;
                y += 22;
            }
            g.setColor(COLORS[s.ordinal()]);
            g.fillRect(x, y, 14, 14);
            g.setColor(Color.BLACK);
            g.drawString(text, x + 18, y + 12);
            x += width;
        }
    }

    private static String label(double v) {
        return v >= 10_000 ? String.format(Locale.ROOT, "%.0fk", v / 1000) : String.format(Locale.ROOT, v >= 100 ? "%.0f" : "%.1f", v);
    }
}
