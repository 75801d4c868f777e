package io.jakartaredis.limiter.demo.load;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * One ratio of two cases per round (their stretches ran next to each other, in alternating order),
 * summarised by the median over the rounds: a round that a neighbour on the machine or a late
 * compilation slowed weighs on it no more than any other, where it would skew a ratio of sums.
 *
 * @param perRound the ratio in each round, in round order
 */
record RoundRatios(double[] perRound) {

    RoundRatios {
        if (perRound.length == 0) {
            throw new IllegalArgumentException("no rounds to compare");
        }
        perRound = perRound.clone();
    }

    /** {@code value} of each round's {@code numerator} stretch divided by that of its {@code denominator} stretch. */
    static RoundRatios of(List<Measurement> numerator, List<Measurement> denominator, ToDoubleFunction<Measurement> value) {
        if (numerator.size() != denominator.size()) {
            throw new IllegalArgumentException("rounds differ: " + numerator.size() + " and " + denominator.size());
        }
        double[] ratios = new double[numerator.size()];
        for (int round = 0; round < ratios.length; round++) {
            ratios[round] = value.applyAsDouble(numerator.get(round)) / value.applyAsDouble(denominator.get(round));
        }
        return new RoundRatios(ratios);
    }

    /** The middle ratio; with an even number of rounds, the mean of the two middle ones. */
    double median() {
        double[] sorted = sorted();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    double min() {
        return sorted()[0];
    }

    double max() {
        return sorted()[perRound.length - 1];
    }

    /** E.g. {@code 0.80–0.91 over 10 rounds}. */
    String describeRange() {
        return String.format(Locale.ROOT, "%.2f–%.2f over %d round%s", min(), max(), perRound.length, perRound.length == 1 ? "" : "s");
    }

    private double[] sorted() {
        double[] sorted = perRound.clone();
        Arrays.sort(sorted);
        return sorted;
    }
}
