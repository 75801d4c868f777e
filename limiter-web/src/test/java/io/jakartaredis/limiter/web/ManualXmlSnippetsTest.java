package io.jakartaredis.limiter.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * Every dependency of this project that a {@code ```xml} block of the manual names is an artifact
 * of the build, with the build's version where the block gives one.
 */
class ManualXmlSnippetsTest {

    private static final String GROUP = "io.jakartaredis";

    @TestFactory
    Stream<DynamicTest> everyDependencySnippetNamesAnArtifactOfTheBuild() throws Exception {
        Document root = parse(Files.readString(ManualPages.ROOT.resolve("pom.xml")));
        String version = child(root.getDocumentElement(), "version");
        Set<String> artifacts = new TreeSet<>();
        NodeList modules = root.getElementsByTagName("module");
        for (int i = 0; i < modules.getLength(); i++) {
            Path pom = ManualPages.ROOT.resolve(modules.item(i).getTextContent().strip()).resolve("pom.xml");
            artifacts.add(child(parse(Files.readString(pom)).getDocumentElement(), "artifactId"));
        }
        List<ManualPages.CodeBlock> blocks = ManualPages.codeBlocks("xml");
        assertFalse(blocks.isEmpty(), "the manual's xml blocks were not found");
        return blocks.stream().map(block -> DynamicTest.dynamicTest(block.where(), () -> {
            List<Element> ours = dependencies(parse("<snippet>" + block.text() + "</snippet>"));
            assertFalse(ours.isEmpty(), block.where() + " names no " + GROUP + " artifact");
            for (Element dependency : ours) {
                String artifact = child(dependency, "artifactId");
                assertTrue(artifacts.contains(artifact), block.where() + ": " + artifact + " is none of " + artifacts);
                String given = child(dependency, "version");
                if (!given.isEmpty()) {
                    assertEquals(version, given, block.where() + ": the version of " + artifact);
                }
            }
        }));
    }

    private static List<Element> dependencies(Document snippet) {
        List<Element> ours = new ArrayList<>();
        NodeList all = snippet.getElementsByTagName("dependency");
        for (int i = 0; i < all.getLength(); i++) {
            Element dependency = (Element) all.item(i);
            if (GROUP.equals(child(dependency, "groupId"))) {
                ours.add(dependency);
            }
        }
        return ours;
    }

    /** The text of a direct child element, empty when there is none. */
    private static String child(Element parent, String name) {
        for (var node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element e && e.getTagName().equals(name)) {
                return e.getTextContent().strip();
            }
        }
        return "";
    }

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }
}
