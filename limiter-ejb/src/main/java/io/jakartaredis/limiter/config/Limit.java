package io.jakartaredis.limiter.config;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One limit of a policy, of one of two kinds:
 * <ul>
 * <li>a bucket limit: at most {@code tokens} tokens, refilled continuously at {@code tokens / window}.
 * Written {@code <tokens>/<duration>}, e.g. {@code 10/1s} or {@code 1000/1h};</li>
 * <li>a calendar limit: at most {@code tokens} tokens per calendar period, the count starting at 0
 * at each boundary of the period in {@code zone}. Written {@code <tokens>/<unit>} with unit
 * {@code day}, {@code week} (ISO, from Monday), {@code month} or {@code year}, e.g.
 * {@code 5000000/month}; UTC unless the policy's {@code zone} says otherwise.</li>
 * </ul>
 * Every limit has 1 to {@link #MAX_TOKENS} tokens; a bucket limit's window is 1 ms to
 * {@link #LONGEST_WINDOW}. Within these bounds the script's arithmetic is exact.
 *
 * @param tokens   the capacity, 1 to 10^9
 * @param window   a bucket limit: the time in which an empty bucket refills completely, whole
 *                 milliseconds; a calendar limit: its longest period ({@link CalendarUnit#longest()},
 *                 e.g. 31 d for a month)
 * @param calendar the calendar period, or {@code null} for a bucket limit
 * @param zone     the zone of the calendar's boundaries, or {@code null} for a bucket limit
 */
public record Limit(long tokens, Duration window, CalendarUnit calendar, ZoneId zone) {

    /** The largest capacity: 10^9 tokens. */
    public static final long MAX_TOKENS = 1_000_000_000L;
    /** The longest window of a bucket limit: 366 days. */
    public static final Duration LONGEST_WINDOW = Duration.ofDays(366);
    /** The zone of a calendar limit unless its policy configures one. */
    public static final ZoneId UTC = ZoneId.of("UTC");

    static final String SYNTAX = "expected <tokens>/<duration> such as 10/1s or 1000/1h, or <tokens>/<unit> with unit"
            + " day, week, month or year such as 5000000/month";

    private static final Pattern FORM = Pattern.compile("\\s*(\\d{1,16})\\s*/\\s*(\\S+)\\s*");

    public Limit {
        if (tokens < 1 || tokens > MAX_TOKENS) {
            throw new IllegalArgumentException("tokens must be 1 to 1,000,000,000, was " + tokens);
        }
        Objects.requireNonNull(window, "window");
        if ((calendar == null) != (zone == null)) {
            throw new IllegalArgumentException("a calendar limit needs both its unit and its zone, a bucket limit neither");
        }
        if (calendar != null && !window.equals(calendar.longest())) {
            throw new IllegalArgumentException("the window of a " + calendar.word() + " limit is " + calendar.longest()
                    + ", was " + window);
        }
        if (window.compareTo(Duration.ofMillis(1)) < 0 || window.getNano() % 1_000_000 != 0) {
            throw new IllegalArgumentException("the window must be a positive whole number of milliseconds, was " + window);
        }
        if (window.compareTo(LONGEST_WINDOW) > 0) {
            throw new IllegalArgumentException("the window must be at most 366 days, was " + Durations.format(window));
        }
    }

    /** A bucket limit: {@code tokens} per {@code window}. */
    public Limit(long tokens, Duration window) {
        this(tokens, window, null, null);
    }

    /** A calendar limit: {@code tokens} per period of {@code unit} in {@code zone}. */
    public static Limit calendar(long tokens, CalendarUnit unit, ZoneId zone) {
        return new Limit(tokens, unit.longest(), unit, zone);
    }

    /**
     * Parses {@code <tokens>/<duration>} or {@code <tokens>/<unit>} (a calendar limit in UTC).
     *
     * @throws IllegalArgumentException with the rule that the text breaks
     */
    public static Limit parse(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException(SYNTAX);
        }
        long tokens = Long.parseLong(m.group(1));
        Optional<CalendarUnit> unit = CalendarUnit.parse(m.group(2));
        if (unit.isPresent()) {
            return calendar(tokens, unit.get(), UTC);
        }
        Duration window;
        try {
            window = Durations.parse(m.group(2));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the duration must be " + Durations.SYNTAX
                    + ", or the unit day, week, month or year", e);
        }
        return new Limit(tokens, window);
    }

    /** Whether it resets at calendar boundaries rather than refill continuously. */
    public boolean isCalendar() {
        return calendar != null;
    }

    /** This limit with its calendar boundaries in {@code zone}; a bucket limit as it is. */
    public Limit inZone(ZoneId zone) {
        return isCalendar() ? calendar(tokens, calendar, zone) : this;
    }

    /**
     * A calendar limit's identity in Redis, {@code <unit>@<zone>}, e.g. {@code month@Europe/Berlin}:
     * without the capacity, so that a changed capacity keeps the count.
     */
    public String calendarId() {
        ZoneId normalized = zone.normalized();
        return calendar.word() + "@" + (normalized.equals(ZoneOffset.UTC) ? "UTC" : zone.getId());
    }

    public long windowMillis() {
        return window.toMillis();
    }

    @Override
    public String toString() {
        if (isCalendar()) {
            return tokens + "/" + calendar.word() + (zone.normalized().equals(ZoneOffset.UTC) ? "" : " in " + zone.getId());
        }
        return tokens + "/" + Durations.format(window);
    }
}
