package dev.ecrguard.release;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** Reads the project's pom files (namespace-unaware, so XPath names elements plainly). */
final class Poms {
    private Poms() {}

    static Document read(Path pom) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(false);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(pom.toFile());
    }

    /** The trimmed text of the first node the expression selects, or "" when none. */
    static String text(Object node, String xpath) throws Exception {
        return ((String) XPathFactory.newInstance().newXPath().evaluate(xpath, node, XPathConstants.STRING)).strip();
    }

    static NodeList nodes(Object node, String xpath) throws Exception {
        return (NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, node, XPathConstants.NODESET);
    }

    /** The pom of every module the root pom lists. */
    static List<Path> modulePoms() throws Exception {
        List<Path> poms = new ArrayList<>();
        NodeList modules = nodes(read(Run.root().resolve("pom.xml")), "/project/modules/module");
        for (int i = 0; i < modules.getLength(); i++) {
            poms.add(Run.root().resolve(modules.item(i).getTextContent().strip()).resolve("pom.xml"));
        }
        return poms;
    }
}
