package io.jakartaredis.limiter.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Markdown pages of the manual (README.md and docs/*.md, read from the checkout), split the
 * way the tests of the manual need them: fenced code blocks, headings and their anchors, links.
 */
final class ManualPages {

    /** A fenced block: the page, the line of its opening fence (from 1) and its text, de-indented. */
    record CodeBlock(Path page, int line, String text) {
        String where() {
            return ROOT.relativize(page) + ":" + line;
        }
    }

    static final Path ROOT = findRoot();

    private static final Pattern FENCE = Pattern.compile("^(\\s*)```(\\S*)\\s*$");
    private static final Pattern HEADING = Pattern.compile("^(#{1,6}) (.+)$");
    /** {@code [text](target)}, also {@code ![alt](target)}; no nested brackets in the text. */
    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)\\)");

    private ManualPages() {
    }

    /** README.md and every page of docs/. */
    static List<Path> pages() {
        List<Path> pages = new ArrayList<>();
        pages.add(ROOT.resolve("README.md"));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pages;
    }

    static List<String> lines(Path page) {
        try {
            return Files.readAllLines(page);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every block fenced as {@code ```<language>} on every page. */
    static List<CodeBlock> codeBlocks(String language) {
        List<CodeBlock> blocks = new ArrayList<>();
        for (Path page : pages()) {
            blocks.addAll(codeBlocks(page, language));
        }
        return blocks;
    }

    static List<CodeBlock> codeBlocks(Path page, String language) {
        List<CodeBlock> blocks = new ArrayList<>();
        List<String> lines = lines(page);
        for (int i = 0; i < lines.size(); i++) {
            Matcher open = FENCE.matcher(lines.get(i));
            if (!open.matches()) {
                continue;
            }
            int indent = open.group(1).length();
            StringBuilder text = new StringBuilder();
            int j = i + 1;
            while (j < lines.size() && !FENCE.matcher(lines.get(j)).matches()) {
                String line = lines.get(j);
                text.append(line.length() >= indent && line.substring(0, indent).isBlank() ? line.substring(indent) : line.strip())
                        .append('\n');
                j++;
            }
            if (open.group(2).equals(language)) {
                blocks.add(new CodeBlock(page, i + 1, text.toString()));
            }
            i = j;
        }
        return blocks;
    }

    /** The lines of a page outside fenced blocks, in order. */
    static List<String> prose(Path page) {
        List<String> prose = new ArrayList<>();
        boolean fenced = false;
        for (String line : lines(page)) {
            if (FENCE.matcher(line).matches()) {
                fenced = !fenced;
            } else if (!fenced) {
                prose.add(line);
            }
        }
        return prose;
    }

    /** The anchors that GitHub gives the page's headings, a repeated one with {@code -1}, {@code -2} …. */
    static Set<String> anchors(Path page) {
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        for (String line : prose(page)) {
            Matcher m = HEADING.matcher(line);
            if (m.matches()) {
                String slug = slug(m.group(2));
                int n = seen.merge(slug, 1, Integer::sum) - 1;
                anchors.add(n == 0 ? slug : slug + "-" + n);
            }
        }
        return anchors;
    }

    /** GitHub's heading slug: lower case, punctuation dropped (but {@code -} and {@code _}), spaces to {@code -}. */
    static String slug(String heading) {
        return heading.strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}_\\- ]", "").replace(' ', '-');
    }

    /** Every link target of the page's prose, with inline code spans left out. */
    static List<String> linkTargets(Path page) {
        List<String> targets = new ArrayList<>();
        for (String line : prose(page)) {
            Matcher m = LINK.matcher(line.replaceAll("`[^`]*`", "``"));
            while (m.find()) {
                targets.add(m.group(1));
            }
        }
        return targets;
    }

    private static Path findRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !(Files.isRegularFile(dir.resolve("README.md")) && Files.isDirectory(dir.resolve("docs")))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no README.md beside a docs/ above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
