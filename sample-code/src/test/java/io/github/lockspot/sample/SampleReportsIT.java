package io.github.lockspot.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * What a user of the sample sees in the reports spotbugs-maven-plugin wrote: every seed mistake in the shop is named
 * by LockSpot at the right place, and LockSpot's SARIF is valid SARIF 2.1.0 that carries every site of a deadlock
 * and one thread flow per side.
 */
class SampleReportsIT {

    private static final Path XML = Path.of("target/spotbugsXml.xml");
    /** LockSpot's SARIF, converted from the XML by the build (exec-maven-plugin, XmlToSarif). */
    private static final Path LOCKSPOT_SARIF = Path.of("target/lockspot.sarif");

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
        return ownLines(bug).stream().findFirst()
                .orElseThrow(() -> new AssertionError("no source line in " + bug.getAttribute("type")));
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

    /** Source-line roles of LockSpot's thread chains: {@code Side N, step K: ...}. */
    private static final Pattern STEP_ROLE = Pattern.compile("Side (\\d+), step \\d+: .*");

    private static JsonObject lockSpotSarif() throws IOException {
        return JsonParser.parseString(Files.readString(LOCKSPOT_SARIF)).getAsJsonObject();
    }

    private static List<JsonObject> results(JsonObject sarif) {
        List<JsonObject> results = new ArrayList<>();
        for (JsonElement result : sarif.getAsJsonArray("runs").get(0).getAsJsonObject().getAsJsonArray("results")) {
            results.add(result.getAsJsonObject());
        }
        return results;
    }

    private static List<String> schemaErrors(String sarif) throws IOException {
        try (InputStream schema = SampleReportsIT.class.getResourceAsStream("/sarif-schema-2.1.0.json")) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(schema)
                    .validate(sarif, InputFormat.JSON).stream().map(Object::toString).toList();
        }
    }

    @Test
    void lockSpotSarifIsValidSarif210() throws IOException {
        String sarif = Files.readString(LOCKSPOT_SARIF);
        assertEquals(List.of(), schemaErrors(sarif));
        // The validator does reject what the schema forbids: a result without its message.
        JsonObject broken = lockSpotSarif();
        results(broken).get(0).remove("message");
        assertFalse(schemaErrors(broken.toString()).isEmpty(), "a result without a message passed the schema");
    }

    /** What GitHub code scanning needs beyond the schema: relative URIs on a base, lines from 1, fingerprints. */
    @Test
    void lockSpotSarifKeepsToCodeScanningsSubset() throws IOException {
        JsonObject run = lockSpotSarif().getAsJsonArray("runs").get(0).getAsJsonObject();
        Path root = Path.of(URI.create(run.getAsJsonObject("originalUriBaseIds").getAsJsonObject("%SRCROOT%")
                .get("uri").getAsString()));
        JsonArray rules = run.getAsJsonObject("tool").getAsJsonObject("driver").getAsJsonArray("rules");
        for (JsonObject result : results(lockSpotSarif())) {
            String ruleId = result.get("ruleId").getAsString();
            assertEquals(ruleId, rules.get(result.get("ruleIndex").getAsInt()).getAsJsonObject().get("id")
                    .getAsString());
            assertTrue(result.getAsJsonObject("partialFingerprints").size() > 0, ruleId);
            List<JsonObject> locations = new ArrayList<>();
            result.getAsJsonArray("locations").forEach(location -> locations.add(location.getAsJsonObject()));
            if (result.has("relatedLocations")) {
                result.getAsJsonArray("relatedLocations").forEach(location -> locations.add(location.getAsJsonObject()));
            }
            for (JsonObject location : locations) {
                JsonObject physical = location.getAsJsonObject("physicalLocation");
                JsonObject artifact = physical.getAsJsonObject("artifactLocation");
                String uri = artifact.get("uri").getAsString();
                assertEquals("%SRCROOT%", artifact.get("uriBaseId").getAsString(), ruleId + " " + uri);
                assertTrue(Files.isRegularFile(root.resolve(uri)), ruleId + ": no file " + uri + " under " + root);
                assertTrue(physical.getAsJsonObject("region").get("startLine").getAsInt() >= 1, ruleId + " " + uri);
            }
        }
    }

    /**
     * Each lock-order report in the SARIF has every site of the XML report (primary + related, at least two) and one
     * thread flow per side.
     */
    @Test
    void everyDeadlockResultHasEverySiteAndOneThreadFlowPerSide() throws Exception {
        Map<String, JsonObject> byHash = new HashMap<>();
        for (JsonObject result : results(lockSpotSarif())) {
            byHash.put(result.getAsJsonObject("partialFingerprints").get("spotbugsInstanceHash/v1").getAsString(),
                    result);
        }
        int deadlocks = 0;
        for (Element bug : lockSpotBugs()) {
            if (!bug.getAttribute("type").startsWith("DLK_")) {
                continue;
            }
            deadlocks++;
            JsonObject result = byHash.get(bug.getAttribute("instanceHash"));
            assertNotNull(result, "no SARIF result for " + placeOf(bug));
            List<String> xmlSites = new ArrayList<>();
            Set<String> sides = new TreeSet<>();
            for (Element line : ownLines(bug)) {
                if (line != primaryLine(bug)) {
                    xmlSites.add(line.getAttribute("sourcefile") + ":" + line.getAttribute("start"));
                }
                Matcher step = STEP_ROLE.matcher(line.getAttribute("role"));
                if (step.matches()) {
                    sides.add(step.group(1));
                }
            }
            List<String> sarifSites = new ArrayList<>();
            JsonArray related = result.getAsJsonArray("relatedLocations");
            for (JsonElement site : related == null ? new JsonArray() : related) {
                JsonObject physical = site.getAsJsonObject().getAsJsonObject("physicalLocation");
                String uri = physical.getAsJsonObject("artifactLocation").get("uri").getAsString();
                sarifSites.add(uri.substring(uri.lastIndexOf('/') + 1) + ":"
                        + physical.getAsJsonObject("region").get("startLine").getAsInt());
            }
            assertEquals(xmlSites, sarifSites, placeOf(bug));
            assertTrue(1 + sarifSites.size() >= 2, placeOf(bug) + ": primary + related locations");
            JsonArray codeFlows = result.getAsJsonArray("codeFlows");
            int threadFlows = codeFlows == null ? 0
                    : codeFlows.get(0).getAsJsonObject().getAsJsonArray("threadFlows").size();
            assertEquals(sides.size(), threadFlows, placeOf(bug) + ": one thread flow per side " + sides);
            // Without this, a report with no sides at all would pass the check above with zero thread flows.
            if (bug.getAttribute("type").equals("DLK_LOCK_ORDER_CYCLE")) {
                assertEquals(2, threadFlows, placeOf(bug) + ": the sample's two-lock cycle has two sides");
            } else {
                assertTrue(threadFlows >= 1, placeOf(bug) + ": at least one side");
            }
        }
        assertEquals(2, deadlocks, "the sample's cycle and argument-order reports");
    }

    /** The bug's own source lines (direct children), in order. */
    private static List<Element> ownLines(Element bug) {
        List<Element> lines = new ArrayList<>();
        NodeList children = bug.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element child && child.getTagName().equals("SourceLine")) {
                lines.add(child);
            }
        }
        return lines;
    }
}
