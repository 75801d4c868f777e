package io.jakartaredis.limiter.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The README stays a front door, and every relative link and anchor of the manual leads somewhere.
 */
class ManualStructureTest {

    private static final int README_MAX_LINES = 250;

    @Test
    void theReadmeHasAtMost250Lines() {
        int lines = ManualPages.lines(ManualPages.ROOT.resolve("README.md")).size();
        assertTrue(lines <= README_MAX_LINES, "README.md has " + lines + " lines; move detail into docs/");
    }

    @Test
    void everyRelativeLinkAndAnchorResolves() {
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path page : ManualPages.pages()) {
            for (String target : ManualPages.linkTargets(page)) {
                if (target.matches("^[a-z][a-z0-9+.-]*:.*")) {
                    continue; // https:, mailto: …: not ours to check
                }
                checked++;
                String where = ManualPages.ROOT.relativize(page) + ": " + target;
                int hash = target.indexOf('#');
                String path = hash < 0 ? target : target.substring(0, hash);
                Path file = path.isEmpty() ? page : page.getParent().resolve(path).normalize();
                if (!Files.exists(file)) {
                    broken.add(where + " (no such file)");
                } else if (hash >= 0 && !(file.toString().endsWith(".md")
                        && ManualPages.anchors(file).contains(target.substring(hash + 1)))) {
                    broken.add(where + " (no such heading)");
                }
            }
        }
        assertTrue(checked > 50, "the manual's links were not found: " + checked);
        assertTrue(broken.isEmpty(), "broken links:\n" + String.join("\n", broken));
    }

    @Test
    void everyPageOfTheManualIsLinkedFromItsIndex() {
        Path index = ManualPages.ROOT.resolve("docs/README.md");
        List<String> targets = ManualPages.linkTargets(index);
        List<String> missing = new ArrayList<>();
        for (Path page : ManualPages.pages()) {
            String name = page.getFileName().toString();
            if (page.getParent().endsWith("docs") && !name.equals("README.md") && !targets.contains(name)) {
                missing.add(name);
            }
        }
        assertTrue(missing.isEmpty(), "pages missing from docs/README.md: " + missing);
    }
}
