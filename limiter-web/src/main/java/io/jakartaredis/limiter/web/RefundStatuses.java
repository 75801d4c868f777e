package io.jakartaredis.limiter.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The response statuses after which a rule gives a request's tokens back,
 * {@code limiter.web.rules.<rule>.refund-status}: codes such as {@code 304} and classes such as
 * {@code 5xx}.
 *
 * @param codes   single status codes, 100 to 599
 * @param classes status classes by their first digit, 1 to 5 ({@code 5} for {@code 5xx})
 */
record RefundStatuses(Set<Integer> codes, Set<Integer> classes) {

    /** No status is refunded. */
    static final RefundStatuses NONE = new RefundStatuses(Set.of(), Set.of());

    private static final String SYNTAX = "expected a comma list of status codes from 100 to 599 and classes 1xx to 5xx, such as 5xx, 304";
    private static final Pattern CODE = Pattern.compile("([1-5])(\\d\\d|xx)", Pattern.CASE_INSENSITIVE);

    RefundStatuses {
        codes = Set.copyOf(codes);
        classes = Set.copyOf(classes);
    }

    /** @throws IllegalArgumentException with the rule, for anything else than codes and classes */
    static RefundStatuses parse(String text) {
        Set<Integer> codes = new TreeSet<>();
        Set<Integer> classes = new TreeSet<>();
        for (String item : text.split(",", -1)) {
            Matcher m = CODE.matcher(item.strip());
            if (!m.matches()) {
                throw new IllegalArgumentException(SYNTAX);
            }
            if (m.group(2).equalsIgnoreCase("xx")) {
                classes.add(Integer.parseInt(m.group(1)));
            } else {
                codes.add(Integer.parseInt(m.group()));
            }
        }
        return new RefundStatuses(codes, classes);
    }

    boolean isEmpty() {
        return codes.isEmpty() && classes.isEmpty();
    }

    boolean contains(int status) {
        return codes.contains(status) || status >= 100 && status <= 599 && classes.contains(status / 100);
    }

    @Override
    public String toString() {
        List<String> items = new ArrayList<>();
        new TreeSet<>(classes).forEach(statusClass -> items.add(statusClass + "xx"));
        new TreeSet<>(codes).forEach(code -> items.add(code.toString()));
        return String.join(", ", items);
    }
}
