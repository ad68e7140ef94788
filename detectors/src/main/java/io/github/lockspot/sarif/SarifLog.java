package io.github.lockspot.sarif;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import edu.umd.cs.findbugs.BugAnnotation;
import edu.umd.cs.findbugs.BugCollection;
import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.BugPattern;
import edu.umd.cs.findbugs.MethodAnnotation;
import edu.umd.cs.findbugs.Priorities;
import edu.umd.cs.findbugs.SourceLineAnnotation;
import edu.umd.cs.findbugs.Version;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A SpotBugs report as a SARIF 2.1.0 log: one result per bug, with its primary location, every other source line of
 * the bug as a related location, and one thread flow per side ({@link Step}). Written for GitHub code scanning's
 * subset too: file URIs relative to {@value #SOURCE_ROOT} (the repository root), start lines from 1, the instance
 * hash as the partial fingerprint that keeps an alert the same alert across runs.
 */
public final class SarifLog {
    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    /** The base of file URIs found under the source root. */
    static final String SOURCE_ROOT = "%SRCROOT%";
    /** The base of file URIs not found under the source root: SpotBugs' source path, relative to a source folder. */
    static final String SOURCE_PATH = "SOURCEPATH";
    static final String FINGERPRINT = "spotbugsInstanceHash/v1";

    private final BugCollection bugs;
    private final Path sourceRoot;
    private final Map<String, Integer> ruleIndex = new LinkedHashMap<>();
    private final JsonArray rules = new JsonArray();

    private SarifLog(BugCollection bugs, Path sourceRoot) {
        this.bugs = bugs;
        this.sourceRoot = canonical(sourceRoot);
    }

    /**
     * {@code path} with symbolic links resolved when it exists: a checkout reached through a link (a build run from
     * {@code /work/app} linked to {@code /srv/app}) names the same files as the source folders SpotBugs recorded.
     */
    private static Path canonical(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }

    /** The SARIF log of {@code bugs}; source files under {@code sourceRoot} get URIs relative to it. */
    public static JsonObject of(BugCollection bugs, Path sourceRoot) {
        return new SarifLog(bugs, sourceRoot).log();
    }

    private JsonObject log() {
        JsonArray results = new JsonArray();
        for (BugInstance bug : bugs.getCollection()) {
            results.add(result(bug));
        }
        JsonObject driver = new JsonObject();
        driver.addProperty("name", "SpotBugs");
        driver.addProperty("version", Version.VERSION_STRING);
        driver.addProperty("informationUri", "https://spotbugs.github.io/");
        driver.add("rules", rules);
        JsonObject tool = new JsonObject();
        tool.add("driver", driver);

        JsonObject root = new JsonObject();
        root.addProperty("uri", sourceRoot.toUri().toString());
        JsonObject baseIds = new JsonObject();
        baseIds.add(SOURCE_ROOT, root);

        JsonObject run = new JsonObject();
        run.add("tool", tool);
        run.add("originalUriBaseIds", baseIds);
        run.addProperty("columnKind", "utf16CodeUnits");
        run.add("results", results);
        JsonArray runs = new JsonArray();
        runs.add(run);

        JsonObject log = new JsonObject();
        log.addProperty("$schema", SCHEMA);
        log.addProperty("version", "2.1.0");
        log.add("runs", runs);
        return log;
    }

    private JsonObject result(BugInstance bug) {
        JsonObject result = new JsonObject();
        result.addProperty("ruleId", bug.getType());
        result.addProperty("ruleIndex", ruleIndexOf(bug));
        result.addProperty("level", level(bug.getPriority()));
        result.add("message", message(bug.getMessageWithoutPrefix()));

        SourceLineAnnotation primary = bug.getPrimarySourceLineAnnotation();
        JsonObject location = location(primary, null);
        MethodAnnotation method = bug.getPrimaryMethod();
        if (method != null) {
            JsonObject logical = new JsonObject();
            logical.addProperty("name", method.getMethodName());
            logical.addProperty("fullyQualifiedName", method.getClassName() + "." + method.getMethodName());
            logical.addProperty("kind", "function");
            JsonArray logicals = new JsonArray();
            logicals.add(logical);
            location.add("logicalLocations", logicals);
        }
        JsonArray locations = new JsonArray();
        locations.add(location);
        result.add("locations", locations);

        List<SourceLineAnnotation> others = otherLines(bug, primary);
        if (!others.isEmpty()) {
            JsonArray related = new JsonArray();
            for (SourceLineAnnotation line : others) {
                JsonObject site = location(line, role(line));
                site.addProperty("id", related.size() + 1);
                related.add(site);
            }
            result.add("relatedLocations", related);
        }
        JsonArray threadFlows = threadFlows(others, sideMethods(bug));
        if (!threadFlows.isEmpty()) {
            JsonObject codeFlow = new JsonObject();
            codeFlow.add("threadFlows", threadFlows);
            JsonArray codeFlows = new JsonArray();
            codeFlows.add(codeFlow);
            result.add("codeFlows", codeFlows);
        }

        JsonObject fingerprints = new JsonObject();
        fingerprints.addProperty(FINGERPRINT, bug.getInstanceHash());
        result.add("partialFingerprints", fingerprints);
        JsonObject properties = new JsonObject();
        properties.addProperty("rank", bug.getBugRank());
        result.add("properties", properties);
        return result;
    }

    /** The bug's own source lines other than the primary one (not those inside its class and method annotations). */
    private static List<SourceLineAnnotation> otherLines(BugInstance bug, SourceLineAnnotation primary) {
        List<SourceLineAnnotation> lines = new ArrayList<>();
        for (BugAnnotation annotation : bug.getAnnotations()) {
            if (annotation instanceof SourceLineAnnotation line && line != primary) {
                lines.add(line);
            }
        }
        return lines;
    }

    /** The method of each side, from the bug's method annotations with the role {@code Side N}. */
    private static Map<String, MethodAnnotation> sideMethods(BugInstance bug) {
        Map<String, MethodAnnotation> methods = new TreeMap<>();
        for (BugAnnotation annotation : bug.getAnnotations()) {
            if (annotation instanceof MethodAnnotation method && method.getDescription() != null
                    && method.getDescription().startsWith("Side ")) {
                methods.putIfAbsent(method.getDescription(), method);
            }
        }
        return methods;
    }

    /** One thread flow per side, its steps in order, named by the side's method if the bug names one. */
    private JsonArray threadFlows(List<SourceLineAnnotation> lines, Map<String, MethodAnnotation> sideMethods) {
        Map<Integer, Map<Integer, Step>> sides = new TreeMap<>();
        for (SourceLineAnnotation line : lines) {
            Step.of(line).ifPresent(step -> sides.computeIfAbsent(step.side(), side -> new TreeMap<>())
                    .putIfAbsent(step.step(), step));
        }
        JsonArray threadFlows = new JsonArray();
        for (Map.Entry<Integer, Map<Integer, Step>> side : sides.entrySet()) {
            JsonArray steps = new JsonArray();
            for (Step step : side.getValue().values()) {
                JsonObject threadFlowLocation = new JsonObject();
                threadFlowLocation.add("location", location(step.line(), step.text()));
                steps.add(threadFlowLocation);
            }
            JsonObject threadFlow = new JsonObject();
            String name = "Side " + side.getKey();
            MethodAnnotation method = sideMethods.get(name);
            threadFlow.add("message", message(method == null ? name
                    : name + ": " + method.getSimpleClassName() + "." + method.getMethodName()));
            threadFlow.add("locations", steps);
            threadFlows.add(threadFlow);
        }
        return threadFlows;
    }

    /** What a line is for: LockSpot's own role text, or SpotBugs' text for its standard roles; null for none. */
    private static String role(SourceLineAnnotation line) {
        String role = line.getDescription();
        if (role == null || role.equals(SourceLineAnnotation.DEFAULT_ROLE)
                || role.equals(SourceLineAnnotation.DEFAULT_ROLE_UNKNOWN_LINE)) {
            return null;
        }
        return role.startsWith("SOURCE_LINE_") ? line.toString() : role;
    }

    private JsonObject location(SourceLineAnnotation line, String text) {
        JsonObject artifact = new JsonObject();
        Path file = sourceFile(line);
        if (file != null) {
            artifact.addProperty("uri", uriPath(sourceRoot.relativize(file)));
            artifact.addProperty("uriBaseId", SOURCE_ROOT);
        } else {
            artifact.addProperty("uri", line.getSourcePath());
            artifact.addProperty("uriBaseId", SOURCE_PATH);
        }
        JsonObject region = new JsonObject();
        // SARIF lines count from 1; SpotBugs has -1 for a class without line numbers.
        int start = Math.max(1, line.getStartLine());
        region.addProperty("startLine", start);
        if (line.getEndLine() > start) {
            region.addProperty("endLine", line.getEndLine());
        }
        JsonObject physical = new JsonObject();
        physical.add("artifactLocation", artifact);
        physical.add("region", region);
        JsonObject location = new JsonObject();
        location.add("physicalLocation", physical);
        if (text != null) {
            location.add("message", message(text));
        }
        return location;
    }

    /** The file of {@code line} in one of the project's source folders, if it lies under the source root. */
    private Path sourceFile(SourceLineAnnotation line) {
        for (String folder : bugs.getProject().getSourceDirList()) {
            Path file = canonical(Path.of(folder).resolve(line.getSourcePath()));
            if (file.startsWith(sourceRoot) && Files.isRegularFile(file)) {
                return file;
            }
        }
        return null;
    }

    private static String uriPath(Path relative) {
        StringBuilder uri = new StringBuilder();
        for (Path part : relative) {
            uri.append(uri.length() == 0 ? "" : "/").append(part);
        }
        return uri.toString();
    }

    private int ruleIndexOf(BugInstance bug) {
        return ruleIndex.computeIfAbsent(bug.getType(), type -> {
            rules.add(rule(type, bug.getBugPattern()));
            return rules.size() - 1;
        });
    }

    /** The rule of a bug type: SpotBugs' descriptions of its pattern (LockSpot's from its messages.xml). */
    private static JsonObject rule(String type, BugPattern pattern) {
        JsonObject rule = new JsonObject();
        rule.addProperty("id", type);
        rule.add("shortDescription", message(pattern.getShortDescription()));
        rule.add("fullDescription", message(pattern.getDetailPlainText().strip()));
        pattern.getUri().ifPresent(uri -> rule.addProperty("helpUri", uri.toString()));
        JsonObject properties = new JsonObject();
        JsonArray tags = new JsonArray();
        tags.add(pattern.getCategory());
        properties.add("tags", tags);
        rule.add("properties", properties);
        return rule;
    }

    /** SARIF levels for SpotBugs priorities: high is an error, normal a warning, low a note. */
    static String level(int priority) {
        return switch (priority) {
            case Priorities.HIGH_PRIORITY -> "error";
            case Priorities.NORMAL_PRIORITY -> "warning";
            default -> "note";
        };
    }

    private static JsonObject message(String text) {
        JsonObject message = new JsonObject();
        message.addProperty("text", text);
        return message;
    }
}
