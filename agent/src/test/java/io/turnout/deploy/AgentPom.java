package io.turnout.deploy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/** {@code agent/pom.xml}, read with the JDK's DOM parser: what the image tests compare against. */
record AgentPom(Element project) {
    static final Path PATH = DeployFiles.repositoryRoot().resolve("agent/pom.xml");

    static AgentPom read() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document doc = factory.newDocumentBuilder().parse(PATH.toFile());
            return new AgentPom(doc.getDocumentElement());
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalStateException("cannot read " + PATH, e);
        }
    }

    /** {@code build/finalName} + {@code .jar} under {@code target/}: what the shade plugin replaces the jar with. */
    String jarPath() {
        return "agent/target/" + text(child(project, "build").orElseThrow(), "finalName").orElseThrow() + ".jar";
    }

    String mainClass() {
        return text(child(project, "properties").orElseThrow(), "exec.mainClass").orElseThrow();
    }

    /** The {@code configuration} of a plugin of the main build. */
    Element pluginConfiguration(String artifactId) {
        Element plugins = child(child(project, "build").orElseThrow(), "plugins").orElseThrow();
        for (Element plugin : children(plugins, "plugin")) {
            if (text(plugin, "artifactId").orElse("").equals(artifactId)) {
                return child(plugin, "configuration").orElseThrow(() -> new AssertionError(artifactId + " has no configuration"));
            }
        }
        throw new AssertionError("agent/pom.xml's build has no " + artifactId);
    }

    /** The {@code configuration} of the jib-maven-plugin in the {@code jib} profile. */
    Element jibConfiguration() {
        Element profiles = child(project, "profiles").orElseThrow(() -> new AssertionError("agent/pom.xml has no profiles"));
        for (Element profile : children(profiles, "profile")) {
            if (!text(profile, "id").orElse("").equals("jib")) continue;
            Element plugins = child(child(profile, "build").orElseThrow(), "plugins").orElseThrow();
            for (Element plugin : children(plugins, "plugin")) {
                if (text(plugin, "artifactId").orElse("").equals("jib-maven-plugin")) {
                    return child(plugin, "configuration").orElseThrow();
                }
            }
        }
        throw new AssertionError("agent/pom.xml has no jib profile with the jib-maven-plugin");
    }

    static Optional<Element> child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
    }

    static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) out.add(e);
        }
        return out;
    }

    static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) out.add(e);
        }
        return out;
    }

    static Optional<String> text(Element parent, String name) {
        return child(parent, name).map(e -> e.getTextContent().strip());
    }

    /** Text of a path of child elements, e.g. {@code at(config, "from", "image")}. */
    static String at(Element parent, String... path) {
        Element e = parent;
        for (String p : path) {
            Element current = e;
            e = child(e, p).orElseThrow(() -> new AssertionError("no <" + p + "> in <" + current.getTagName() + ">"));
        }
        return e.getTextContent().strip();
    }
}
