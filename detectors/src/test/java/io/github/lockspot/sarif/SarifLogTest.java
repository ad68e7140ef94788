package io.github.lockspot.sarif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.MethodAnnotation;
import edu.umd.cs.findbugs.Priorities;
import edu.umd.cs.findbugs.SortedBugCollection;
import edu.umd.cs.findbugs.SourceLineAnnotation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A report written as SpotBugs XML and turned into SARIF ({@link XmlToSarif}): the bugs are made by hand in the form
 * LockSpot's reports have (a primary line, then each side's steps as lines with the role {@code Side N, step K: ...}).
 */
class SarifLogTest {

    private static final String CATALOG = "shop.Catalog";
    private static final String INDEX = "shop.SearchIndex";

    @TempDir
    Path root;

    @BeforeAll
    static void loadPlugin() throws IOException {
        XmlToSarif.loadLockSpot();
    }

    private static SourceLineAnnotation line(String className, int line, String role) {
        String file = className.substring(className.lastIndexOf('.') + 1) + ".java";
        SourceLineAnnotation annotation = new SourceLineAnnotation(className, file, line, line, -1, -1);
        annotation.setDescription(role);
        return annotation;
    }

    /** A two-sided cycle, its steps added out of order; Catalog.java exists under src/, SearchIndex.java nowhere. */
    private JsonObject cycleAsSarif() throws Exception {
        return cycleAsSarif(root);
    }

    /** The same, converted with {@code sourceRoot} as the source root (the checkout as the build names it). */
    private JsonObject cycleAsSarif(Path sourceRoot) throws Exception {
        BugInstance cycle = new BugInstance("DLK_LOCK_ORDER_CYCLE", Priorities.NORMAL_PRIORITY)
                .addClass(CATALOG).addMethod(CATALOG, "add", "(Ljava/lang/String;)V", false)
                .addSourceLine(line(CATALOG, 19, SourceLineAnnotation.DEFAULT_ROLE))
                .addString("any Catalog -> any SearchIndex -> any Catalog").addString("the edges")
                .addString("NORMAL, lock identity merged by type: any Catalog, any SearchIndex");
        MethodAnnotation rebuild = MethodAnnotation.fromForeignMethod(INDEX, "rebuild", "()V", false);
        rebuild.setDescription("Side 2");
        cycle.add(rebuild);
        cycle.add(line(INDEX, 22, "Side 2, step 2: calls towards any Catalog"));
        cycle.add(line(CATALOG, 17, "Side 1, step 1: holds any Catalog"));
        cycle.add(line(CATALOG, 19, "Side 1, step 2: calls towards any SearchIndex"));
        cycle.add(line(INDEX, 16, "Side 1, step 3: takes any SearchIndex"));
        cycle.add(line(INDEX, 21, "Side 2, step 1: holds any SearchIndex"));
        cycle.add(line(CATALOG, -1, "Side 2, step 3: takes any Catalog"));
        BugInstance unsided = new BugInstance("RMW_VOLATILE_UPDATE", Priorities.LOW_PRIORITY)
                .addClass(CATALOG).addMethod(CATALOG, "count", "()V", false)
                .addSourceLine(line(CATALOG, 30, SourceLineAnnotation.DEFAULT_ROLE))
                .addField(CATALOG, "count", "I", false).addString("no thread evidence");

        Path sources = Files.createDirectories(root.resolve("src/main/java"));
        Files.createDirectories(sources.resolve("shop"));
        Files.writeString(sources.resolve("shop/Catalog.java"), "package shop;\n");
        SortedBugCollection bugs = new SortedBugCollection();
        bugs.getProject().addSourceDirs(List.of(sources.toString()));
        bugs.add(cycle);
        bugs.add(unsided);
        Path xml = root.resolve("target/spotbugsXml.xml");
        Files.createDirectories(xml.getParent());
        bugs.writeXML(xml.toString());

        Path sarif = root.resolve("target/lockspot.sarif");
        XmlToSarif.convert(xml, sarif, sourceRoot);
        return JsonParser.parseString(Files.readString(sarif)).getAsJsonObject();
    }

    private static JsonObject run(JsonObject log) {
        return log.getAsJsonArray("runs").get(0).getAsJsonObject();
    }

    private static JsonObject result(JsonObject log, String ruleId) {
        for (JsonElement result : run(log).getAsJsonArray("results")) {
            if (result.getAsJsonObject().get("ruleId").getAsString().equals(ruleId)) {
                return result.getAsJsonObject();
            }
        }
        throw new AssertionError("no " + ruleId + " result");
    }

    /** {@code uri:line message} of a location. */
    private static String site(JsonObject location) {
        JsonObject physical = location.getAsJsonObject("physicalLocation");
        JsonObject artifact = physical.getAsJsonObject("artifactLocation");
        String text = location.has("message") ? " " + location.getAsJsonObject("message").get("text").getAsString()
                : "";
        return artifact.get("uriBaseId").getAsString() + ":" + artifact.get("uri").getAsString() + ":"
                + physical.getAsJsonObject("region").get("startLine").getAsInt() + text;
    }

    @Test
    void eachSideIsOneThreadFlowWithItsStepsInOrder() throws Exception {
        JsonArray threadFlows = result(cycleAsSarif(), "DLK_LOCK_ORDER_CYCLE").getAsJsonArray("codeFlows").get(0)
                .getAsJsonObject().getAsJsonArray("threadFlows");
        List<List<String>> sides = new ArrayList<>();
        for (JsonElement threadFlow : threadFlows) {
            List<String> steps = new ArrayList<>();
            steps.add(threadFlow.getAsJsonObject().getAsJsonObject("message").get("text").getAsString());
            for (JsonElement step : threadFlow.getAsJsonObject().getAsJsonArray("locations")) {
                steps.add(site(step.getAsJsonObject().getAsJsonObject("location")));
            }
            sides.add(steps);
        }
        assertEquals(List.of(
                List.of("Side 1",
                        "%SRCROOT%:src/main/java/shop/Catalog.java:17 holds any Catalog",
                        "%SRCROOT%:src/main/java/shop/Catalog.java:19 calls towards any SearchIndex",
                        "SOURCEPATH:shop/SearchIndex.java:16 takes any SearchIndex"),
                List.of("Side 2: SearchIndex.rebuild",
                        "SOURCEPATH:shop/SearchIndex.java:21 holds any SearchIndex",
                        "SOURCEPATH:shop/SearchIndex.java:22 calls towards any Catalog",
                        // no line number known: SARIF's lines start at 1
                        "%SRCROOT%:src/main/java/shop/Catalog.java:1 takes any Catalog")), sides);
    }

    @Test
    void primaryLocationThenEveryOtherSiteAsRelatedLocation() throws Exception {
        JsonObject cycle = result(cycleAsSarif(), "DLK_LOCK_ORDER_CYCLE");
        JsonArray locations = cycle.getAsJsonArray("locations");
        assertEquals(1, locations.size());
        assertEquals("%SRCROOT%:src/main/java/shop/Catalog.java:19", site(locations.get(0).getAsJsonObject()));
        assertEquals("shop.Catalog.add", locations.get(0).getAsJsonObject().getAsJsonArray("logicalLocations").get(0)
                .getAsJsonObject().get("fullyQualifiedName").getAsString());
        List<String> related = new ArrayList<>();
        for (JsonElement site : cycle.getAsJsonArray("relatedLocations")) {
            related.add(site.getAsJsonObject().get("id").getAsInt() + " " + site(site.getAsJsonObject()));
        }
        assertEquals(List.of(
                "1 SOURCEPATH:shop/SearchIndex.java:22 Side 2, step 2: calls towards any Catalog",
                "2 %SRCROOT%:src/main/java/shop/Catalog.java:17 Side 1, step 1: holds any Catalog",
                "3 %SRCROOT%:src/main/java/shop/Catalog.java:19 Side 1, step 2: calls towards any SearchIndex",
                "4 SOURCEPATH:shop/SearchIndex.java:16 Side 1, step 3: takes any SearchIndex",
                "5 SOURCEPATH:shop/SearchIndex.java:21 Side 2, step 1: holds any SearchIndex",
                "6 %SRCROOT%:src/main/java/shop/Catalog.java:1 Side 2, step 3: takes any Catalog"), related);
        assertTrue(cycle.getAsJsonObject("message").get("text").getAsString()
                .startsWith("Lock-order cycle any Catalog -> any SearchIndex -> any Catalog"), cycle.toString());
    }

    @Test
    void aReportWithoutSidesHasNoCodeFlowAndItsPriorityAsLevel() throws Exception {
        JsonObject log = cycleAsSarif();
        JsonObject update = result(log, "RMW_VOLATILE_UPDATE");
        assertFalse(update.has("codeFlows"));
        assertFalse(update.has("relatedLocations"));
        assertEquals("note", update.get("level").getAsString());
        assertEquals("warning", result(log, "DLK_LOCK_ORDER_CYCLE").get("level").getAsString());
    }

    @Test
    void fingerprintIsTheInstanceHashAndRulesCarryTheirHelp() throws Exception {
        JsonObject log = cycleAsSarif();
        JsonObject cycle = result(log, "DLK_LOCK_ORDER_CYCLE");
        // SpotBugs prints the MD5 as a number: a hash with leading zero digits is shorter than 32.
        assertTrue(cycle.getAsJsonObject("partialFingerprints").get(SarifLog.FINGERPRINT).getAsString()
                .matches("[0-9a-f]{1,32}"), cycle.toString());
        JsonObject rule = run(log).getAsJsonObject("tool").getAsJsonObject("driver").getAsJsonArray("rules")
                .get(cycle.get("ruleIndex").getAsInt()).getAsJsonObject();
        assertEquals("DLK_LOCK_ORDER_CYCLE", rule.get("id").getAsString());
        assertEquals("Locks taken in inconsistent order can deadlock",
                rule.getAsJsonObject("shortDescription").get("text").getAsString());
        assertTrue(rule.getAsJsonObject("fullDescription").get("text").getAsString().contains("Fix: take the locks"));
        assertEquals("https://github.com/lockspot/lockspot/blob/main/README.md#DLK_LOCK_ORDER_CYCLE",
                rule.get("helpUri").getAsString());
        assertEquals(root.toUri().toString(), run(log).getAsJsonObject("originalUriBaseIds")
                .getAsJsonObject(SarifLog.SOURCE_ROOT).get("uri").getAsString());
    }

    @Test
    void aSourceRootReachedThroughALinkStillGivesRelativeUris(@TempDir Path elsewhere) throws Exception {
        // the build runs in a checkout reached through a symbolic link, SpotBugs records the source folders as given
        Path linked = Files.createSymbolicLink(elsewhere.resolve("checkout"), root);
        JsonObject cycle = result(cycleAsSarif(linked), "DLK_LOCK_ORDER_CYCLE");
        JsonObject primary = cycle.getAsJsonArray("locations").get(0).getAsJsonObject();
        assertEquals("%SRCROOT%:src/main/java/shop/Catalog.java:19", site(primary).split(" ")[0]);
    }
}
