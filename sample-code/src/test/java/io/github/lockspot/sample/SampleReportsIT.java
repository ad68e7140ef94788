package io.github.lockspot.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * What a user of the sample sees in the reports spotbugs-maven-plugin wrote: every seed mistake in the shop is named
 * by LockSpot at the right place, and the SARIF report carries, for the lock-order cycle, every acquisition site.
 */
class SampleReportsIT {

    private static final Path XML = Path.of("target/spotbugsXml.xml");
    private static final Path SARIF = Path.of("target/spotbugsSarif.json");

    private static List<Element> lockSpotBugs() throws Exception {
        Document report = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(XML.toFile());
        List<Element> bugs = new ArrayList<>();
        NodeList instances = report.getElementsByTagName("BugInstance");
        for (int i = 0; i < instances.getLength(); i++) {
            Element bug = (Element) instances.item(i);
            if (bug.getAttribute("type").matches("(DLK|RMW|RNA|BLK)_.*")) {
                bugs.add(bug);
            }
        }
        return bugs;
    }

    /** {@code TYPE Class.method:line} of the bug's primary method and source line. */
    private static String placeOf(Element bug) {
        Element method = (Element) bug.getElementsByTagName("Method").item(0);
        Element line = primaryLine(bug);
        String className = method.getAttribute("classname");
        return bug.getAttribute("type") + " " + className.substring(className.lastIndexOf('.') + 1) + "."
                + method.getAttribute("name") + ":" + line.getAttribute("start");
    }

    /** The bug's own SourceLine (a direct child), not the ones nested in its class and method annotations. */
    private static Element primaryLine(Element bug) {
        NodeList children = bug.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element child && child.getTagName().equals("SourceLine")) {
                return child;
            }
        }
        throw new AssertionError("no source line in " + bug.getAttribute("type"));
    }

    @Test
    void everySeedMistakeInTheShopIsNamed() throws Exception {
        TreeSet<String> places = new TreeSet<>();
        for (Element bug : lockSpotBugs()) {
            places.add(placeOf(bug));
        }
        assertEquals(new TreeSet<>(List.of(
                "DLK_LOCK_ORDER_CYCLE Catalog.add:19",
                "DLK_ARGUMENT_ORDER Ledger.transfer:16",
                "RMW_VOLATILE_UPDATE RequestCounter.record:15",
                "RMW_MAP_CHECK_THEN_ACT RequestCounter.record:17",
                "BLK_BLOCKING_CALL_UNDER_LOCK JobQueue.submit:18",
                "RNA_PERMIT_NOT_ACQUIRED ConnectionPool.withConnection:23")), places);
    }

    @Test
    void sarifCarriesEveryAcquisitionSiteOfTheCycle() throws Exception {
        Element cycle = lockSpotBugs().stream().filter(bug -> bug.getAttribute("type").equals("DLK_LOCK_ORDER_CYCLE"))
                .findFirst().orElseThrow();
        List<String> sites = new ArrayList<>();
        NodeList lines = cycle.getElementsByTagName("SourceLine");
        for (int i = 0; i < lines.getLength(); i++) {
            Element line = (Element) lines.item(i);
            if (!line.getAttribute("role").isEmpty()) {
                sites.add(line.getAttribute("sourcefile") + ":" + line.getAttribute("start"));
            }
        }
        assertTrue(sites.size() >= 4, "two edges, each with where the first lock was held and the second taken: " + sites);
        String sarifMessage = sarifMessageOf("DLK_LOCK_ORDER_CYCLE");
        for (String site : sites) {
            assertTrue(sarifMessage.contains(site), site + " missing from the SARIF message: " + sarifMessage);
        }
    }

    /** The SARIF result's message: its text and the arguments SpotBugs fills into the rule's message string. */
    private static String sarifMessageOf(String ruleId) throws IOException {
        JsonObject run = JsonParser.parseString(Files.readString(SARIF)).getAsJsonObject()
                .getAsJsonArray("runs").get(0).getAsJsonObject();
        for (JsonElement element : run.getAsJsonArray("results")) {
            JsonObject result = element.getAsJsonObject();
            if (result.get("ruleId").getAsString().equals(ruleId)) {
                JsonObject message = result.getAsJsonObject("message");
                StringBuilder text = new StringBuilder(message.get("text").getAsString());
                JsonArray arguments = message.getAsJsonArray("arguments");
                for (JsonElement argument : arguments == null ? new JsonArray() : arguments) {
                    text.append(' ').append(argument.getAsString());
                }
                return text.toString();
            }
        }
        throw new AssertionError("no " + ruleId + " result in " + SARIF);
    }
}
