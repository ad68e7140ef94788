package io.github.lockspot.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** Reads SpotBugs' XML report (-xml:withMessages): summary, every bug instance, and the analysis errors. */
final class ReportXml {

    private ReportXml() {
    }

    static Analysis parse(Path xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document document = factory.newDocumentBuilder().parse(xml.toFile());
        Element root = document.getDocumentElement();
        Element summary = first(root, "FindBugsSummary");
        int classes = summary == null ? -1 : Integer.parseInt(summary.getAttribute("total_classes"));
        double heapPeak = summary == null || summary.getAttribute("peak_mbytes").isEmpty() ? Double.NaN
                : Double.parseDouble(summary.getAttribute("peak_mbytes"));

        List<Report> reports = new ArrayList<>();
        NodeList bugs = document.getElementsByTagName("BugInstance");
        for (int i = 0; i < bugs.getLength(); i++) {
            reports.add(report((Element) bugs.item(i)));
        }

        int errors = 0;
        int missing = 0;
        List<String> lockSpotErrors = new ArrayList<>();
        Element errorsElement = first(root, "Errors");
        if (errorsElement != null) {
            errors = intAttribute(errorsElement, "errors");
            missing = intAttribute(errorsElement, "missingClasses");
            for (Element error : children(errorsElement, "Error")) {
                String text = error.getTextContent();
                if (text.toLowerCase(Locale.ROOT).contains("lockspot")) {
                    Element message = first(error, "ErrorMessage");
                    lockSpotErrors.add(message == null ? text.strip() : message.getTextContent().strip());
                }
            }
        }
        return new Analysis(classes, heapPeak, reports, errors, missing, lockSpotErrors);
    }

    /**
     * A report's key lists its type, priority and every annotation (class, method, field, line, ...) in order, with
     * its message: two runs report the same when their sorted keys are equal.
     */
    static Report report(Element bug) {
        StringBuilder key = new StringBuilder(bug.getAttribute("type")).append(" p").append(bug.getAttribute("priority"));
        Set<String> methods = new LinkedHashSet<>();
        StringBuilder lockText = new StringBuilder();
        String message = "";
        for (Element child : children(bug, null)) {
            switch (child.getTagName()) {
                case "ShortMessage" -> {
                }
                case "LongMessage" -> {
                    message = child.getTextContent().strip();
                    lockText.append(message).append('\n');
                }
                default -> {
                    key.append(" | ").append(child.getTagName());
                    var attributes = child.getAttributes();
                    Map<String, String> sorted = new TreeMap<>();
                    for (int i = 0; i < attributes.getLength(); i++) {
                        sorted.put(attributes.item(i).getNodeName(), attributes.item(i).getNodeValue());
                    }
                    sorted.forEach((name, value) -> key.append(' ').append(name).append('=').append(value));
                    for (Element line : children(child, "SourceLine")) {
                        key.append(" line=").append(line.getAttribute("start")).append('-')
                                .append(line.getAttribute("end"));
                    }
                    if (child.getTagName().equals("Method")) {
                        methods.add(simpleName(child.getAttribute("classname")) + "." + child.getAttribute("name"));
                    } else if (!child.getTagName().equals("Class") && !child.getTagName().equals("SourceLine")) {
                        lockText.append(sorted.values()).append('\n');
                    }
                }
            }
        }
        key.append(" | ").append(message);
        Element primaryClass = primary(bug, "Class");
        Element primaryMethod = primary(bug, "Method");
        Element primaryLine = primary(bug, "SourceLine");
        return new Report(bug.getAttribute("type"), Integer.parseInt(bug.getAttribute("priority")),
                primaryClass == null ? "" : primaryClass.getAttribute("classname"),
                primaryMethod == null ? "" : primaryMethod.getAttribute("name"),
                primaryLine == null || primaryLine.getAttribute("start").isEmpty() ? -1
                        : Integer.parseInt(primaryLine.getAttribute("start")),
                key.toString(), methods, lockText.toString(), message);
    }

    /** The annotation SpotBugs marks primary, else the first of its kind. */
    private static Element primary(Element bug, String tag) {
        List<Element> found = children(bug, tag);
        return found.stream().filter(e -> e.getAttribute("primary").equals("true")).findFirst()
                .orElse(found.isEmpty() ? null : found.get(0));
    }

    static String simpleName(String className) {
        String simple = className.substring(className.lastIndexOf('.') + 1);
        return simple.substring(simple.lastIndexOf('$') + 1);
    }

    private static Element first(Element parent, String tag) {
        List<Element> found = children(parent, tag);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<Element> children(Element parent, String tag) {
        List<Element> elements = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && (tag == null || element.getTagName().equals(tag))) {
                elements.add(element);
            }
        }
        return elements;
    }

    private static int intAttribute(Element element, String name) {
        String value = element.getAttribute(name);
        return value.isEmpty() ? 0 : Integer.parseInt(value);
    }
}
