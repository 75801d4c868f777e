package io.jakartaredis.limiter.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The build's POMs keep what a release needs: the BOM (which has no parent) at the build's version
 * and managing exactly the published jars, each with its sources and javadoc jars. Tests run in the
 * module's directory, so the build's root is its parent.
 */
class ReleasePomsTest {

    private static final Path ROOT = Path.of("..");

    @Test
    void theBomHasTheBuildsVersionAndManagesExactlyThePublishedJars() throws Exception {
        Document bom = read(ROOT.resolve("limiter-bom/pom.xml"));
        assertEquals(child(read(ROOT.resolve("pom.xml")).getDocumentElement(), "version"), child(bom.getDocumentElement(), "version"));
        Set<String> managed = new TreeSet<>();
        for (Element dependency : elements(bom.getElementsByTagName("dependency"))) {
            assertEquals("${project.version}", child(dependency, "version"));
            managed.add(child(dependency, "artifactId"));
        }
        assertEquals(publishedJars(), managed);
        assertEquals(Set.of("limiter-ejb", "limiter-web"), managed, "what an application depends on");
    }

    @Test
    void everyPublishedJarAttachesItsSourcesAndJavadoc() throws Exception {
        for (String module : publishedJars()) {
            Set<String> plugins = new TreeSet<>();
            for (Element plugin : elements(read(ROOT.resolve(module + "/pom.xml")).getElementsByTagName("plugin"))) {
                plugins.add(child(plugin, "artifactId"));
            }
            assertTrue(plugins.containsAll(Set.of("maven-source-plugin", "maven-javadoc-plugin")), module + ": " + plugins);
        }
    }

    /** The modules of packaging jar that are deployed (no {@code maven.deploy.skip}). */
    private static Set<String> publishedJars() throws Exception {
        Set<String> published = new TreeSet<>();
        for (Element module : elements(read(ROOT.resolve("pom.xml")).getElementsByTagName("module"))) {
            Document pom = read(ROOT.resolve(module.getTextContent() + "/pom.xml"));
            String packaging = child(pom.getDocumentElement(), "packaging");
            boolean skipped = pom.getElementsByTagName("maven.deploy.skip").getLength() > 0;
            if ((packaging.isEmpty() || packaging.equals("jar")) && !skipped) {
                published.add(child(pom.getDocumentElement(), "artifactId"));
            }
        }
        return published;
    }

    private static Document read(Path pom) throws Exception {
        assertTrue(Files.isRegularFile(pom), pom.toString());
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
    }

    /** The text of the element's direct child of that name, empty when it has none. */
    private static String child(Element parent, String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                return element.getTextContent().strip();
            }
        }
        return "";
    }

    private static List<Element> elements(NodeList nodes) {
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            elements.add((Element) nodes.item(i));
        }
        return elements;
    }
}
