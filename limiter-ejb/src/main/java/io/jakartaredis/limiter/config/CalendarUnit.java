package io.jakartaredis.limiter.config;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneOffsetTransitionRule;
import java.time.zone.ZoneRules;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Optional;

/**
 * The period of a calendar limit, which starts at 0 used at each of its boundaries: midnight of
 * every day, Monday of every ISO week, the first of every month or of every year, in the limit's
 * zone ({@code java.time} rules: month lengths, leap days, DST).
 */
public enum CalendarUnit {
    DAY(Duration.ofDays(1)),
    WEEK(Duration.ofDays(7)),
    MONTH(Duration.ofDays(31)),
    YEAR(Duration.ofDays(366));

    private final Duration longest;

    CalendarUnit(Duration longest) {
        this.longest = longest;
    }

    /** The unit written in a limit, {@code day}, {@code week}, {@code month} or {@code year}, in any case. */
    static Optional<CalendarUnit> parse(String text) {
        for (CalendarUnit unit : values()) {
            if (unit.word().equalsIgnoreCase(text)) {
                return Optional.of(unit);
            }
        }
        return Optional.empty();
    }

    /** {@code day}, {@code week}, {@code month} or {@code year}: as written in a limit and in the script's identity. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The nominal length of the longest period: 1 d, 7 d, 31 d, 366 d. A period across a DST
     * change is an hour shorter or longer than its days (a day of 23 h or 25 h).
     */
    public Duration longest() {
        return longest;
    }

    /**
     * The longest a period can last in {@code zone} from now on: {@link #longest()} plus the
     * largest clock set-back in the zone's rules (its DST rules and any announced change), 25 h
     * for a day in Berlin, 24 h in UTC. A period across a set-back lasts that much longer.
     */
    public Duration longestIn(ZoneId zone) {
        ZoneRules rules = zone.getRules();
        int setBackSeconds = 0;
        for (ZoneOffsetTransitionRule rule : rules.getTransitionRules()) {
            setBackSeconds = Math.max(setBackSeconds, rule.getOffsetBefore().getTotalSeconds() - rule.getOffsetAfter().getTotalSeconds());
        }
        Instant now = Instant.now();
        for (ZoneOffsetTransition transition : rules.getTransitions()) {
            if (transition.getInstant().isAfter(now)) {
                setBackSeconds = Math.max(setBackSeconds, -(int) transition.getDuration().getSeconds());
            }
        }
        return longest.plusSeconds(setBackSeconds);
    }

    /** The first day of the period that contains {@code date}. */
    private LocalDate firstDay(LocalDate date) {
        return switch (this) {
            case DAY -> date;
            case WEEK -> date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> date.withDayOfMonth(1);
            case YEAR -> date.withDayOfYear(1);
        };
    }

    private LocalDate plus(LocalDate date, long periods) {
        return switch (this) {
            case DAY -> date.plusDays(periods);
            case WEEK -> date.plusWeeks(periods);
            case MONTH -> date.plusMonths(periods);
            case YEAR -> date.plusYears(periods);
        };
    }

    /**
     * The starts (epoch ms) of {@code count} consecutive periods in {@code zone}, the first one
     * {@code offset} periods from the one that contains {@code epochMillis} (-1: the previous).
     * A period starts at the first moment of its first day ({@link LocalDate#atStartOfDay(ZoneId)},
     * later than midnight where a DST gap skips it).
     */
    public long[] starts(long epochMillis, ZoneId zone, int offset, int count) {
        LocalDate first = plus(firstDay(Instant.ofEpochMilli(epochMillis).atZone(zone).toLocalDate()), offset);
        long[] starts = new long[count];
        for (int i = 0; i < count; i++) {
            starts[i] = plus(first, i).atStartOfDay(zone).toInstant().toEpochMilli();
        }
        return starts;
    }
}
