package io.jakartaredis.limiter.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.jakartaredis.limiter.config.ConfigProperties;

/**
 * The reference table of docs/configuration.md lists exactly the properties that the code reads:
 * the core's fixed names and policy and tier attributes ({@link ConfigProperties}), and the
 * filter's ({@link WebConfigProperties}).
 */
class ConfigurationReferenceTest {

    private static final Path PAGE = ManualPages.ROOT.resolve("docs/configuration.md");
    private static final String SECTION = "## Reference";
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    @Test
    void theReferenceListsEveryPropertyTheCodeReadsAndNoOther() {
        assertEquals(String.join("\n", readByTheCode()), String.join("\n", documented()));
    }

    @Test
    void everyRowHasADefaultAndAMeaning() {
        for (String[] cells : rows()) {
            assertFalse(cells[1].isBlank() || cells[2].isBlank(), "a row without default or meaning: " + String.join("|", cells));
        }
    }

    private static Set<String> readByTheCode() {
        Set<String> names = new TreeSet<>(ConfigProperties.FIXED);
        names.addAll(WebConfigProperties.FIXED);
        ConfigProperties.POLICY_ATTRIBUTES.forEach(a -> names.add(ConfigProperties.ofPolicy("<name>", a)));
        ConfigProperties.TIER_ATTRIBUTES.forEach(a -> names.add(ConfigProperties.ofTier("<name>", "<tier>", a)));
        WebConfigProperties.RULE_ATTRIBUTES.forEach(a -> names.add(WebConfigProperties.ofRule("<rule>", a)));
        return names;
    }

    /** The names in the first column of the reference table; a cell may name several. */
    private static Set<String> documented() {
        Set<String> names = new TreeSet<>();
        for (String[] cells : rows()) {
            Matcher m = CODE.matcher(cells[0]);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    /** The table rows under the reference heading, header and delimiter row left out. */
    private static List<String[]> rows() {
        List<String[]> rows = new ArrayList<>();
        boolean inSection = false;
        for (String line : ManualPages.prose(PAGE)) {
            if (line.startsWith("## ")) {
                inSection = line.equals(SECTION);
            } else if (inSection && line.startsWith("|") && !line.startsWith("| property") && !line.startsWith("|---")) {
                String[] cells = line.substring(1, line.length() - 1).split("(?<!\\\\)\\|", -1);
                rows.add(new String[] {cells[0].strip(), cells[1].strip(), cells[2].strip()});
            }
        }
        assertFalse(rows.isEmpty(), "no table under " + SECTION + " in " + PAGE);
        return rows;
    }
}
