package io.jakartaredis.limiter.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.jakartaredis.limiter.keys.ClientAddressConfig;
import io.jakartaredis.limiter.keys.ForwardingHeader;

/**
 * Client-address settings that are valid but almost surely not what the operator meant, each of
 * which silently keys clients wrongly: every client as its proxy, or every client by a key it
 * chooses itself.
 */
final class ClientAddressWarnings {

    private static final List<String> LIST_HEADERS = List.of("x-forwarded-for", "forwarded");
    private static final int MAX_TYPOS = 2;

    private ClientAddressWarnings() {
    }

    /** One message per suspicious setting, naming the property and its value; empty when none is. */
    static List<String> of(ClientAddressConfig config, ConfigValues values) {
        List<String> warnings = new ArrayList<>();
        String header = config.header().name();
        if (!config.header().isList() && looksLikeAForwardingList(header)) {
            warnings.add(ClientAddressConfigReader.FORWARDED_HEADER + " \"" + header + "\" is read as a single-address "
                    + "header (one address, set by the nearest proxy), so a list in it names nobody and every client "
                    + "is keyed as the proxy; did you mean X-Forwarded-For or Forwarded?");
        }
        if (config.trustedProxies().isEmpty() && values.get(ClientAddressConfigReader.FORWARDED_HEADER).isPresent()) {
            warnings.add(ClientAddressConfigReader.FORWARDED_HEADER + " \"" + header + "\" has no effect: "
                    + ClientAddressConfigReader.TRUSTED_PROXIES + " is empty, so no peer's header is believed and "
                    + "every client is its socket peer; list your proxies there");
        }
        if (config.trustedProxies().trustsAWholeFamily()) {
            warnings.add(ClientAddressConfigReader.TRUSTED_PROXIES + " \""
                    + values.get(ClientAddressConfigReader.TRUSTED_PROXIES).map(String::strip).orElse("")
                    + "\" has a /0 block, which trusts every address of its family: any such client can choose its own "
                    + "key by sending " + header + "; list only your proxies");
        }
        return warnings;
    }

    /** Names "forward", or is a typo of a list header's name: {@code X-Fowarded-For} has no "forward". */
    static boolean looksLikeAForwardingList(String header) {
        String name = header.toLowerCase(Locale.ROOT);
        return name.contains("forward") || LIST_HEADERS.stream().anyMatch(list -> editDistance(name, list) <= MAX_TYPOS);
    }

    /** Levenshtein distance; header names are short. */
    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
