package io.github.lockspot.sarif;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import edu.umd.cs.findbugs.BugCollection;
import edu.umd.cs.findbugs.Plugin;
import edu.umd.cs.findbugs.PluginException;
import edu.umd.cs.findbugs.SortedBugCollection;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dom4j.DocumentException;

/**
 * Turns a SpotBugs XML report ({@code spotbugsXml.xml}, {@code -xml} output) into a SARIF 2.1.0 file with every site
 * and one thread flow per side ({@link SarifLog}); the build's way to get that SARIF, run after SpotBugs:
 * {@code java -cp <spotbugs and lockspot> io.github.lockspot.sarif.XmlToSarif report.xml out.sarif [source root]}.
 */
public final class XmlToSarif {
    /** LockSpot's plugin id (findbugs.xml): its bug patterns give rule texts and messages. */
    static final String PLUGIN_ID = "io.github.lockspot";

    private XmlToSarif() {
    }

    /** {@code report.xml out.sarif [source root]}; the source root defaults to the working directory. */
    public static void main(String[] args) throws Exception {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: XmlToSarif spotbugsXml.xml out.sarif [source root, default: .]");
            System.exit(2);
        }
        convert(Path.of(args[0]), Path.of(args[1]), Path.of(args.length == 3 ? args[2] : "."));
    }

    /** Reads {@code xml} with SpotBugs and writes it as SARIF to {@code sarif}. */
    public static void convert(Path xml, Path sarif, Path sourceRoot) throws IOException, DocumentException {
        loadLockSpot();
        SortedBugCollection bugs = new SortedBugCollection();
        bugs.readXML(xml.toFile());
        write(bugs, sarif, sourceRoot);
    }

    /** Writes {@code bugs} as SARIF to {@code sarif}. */
    public static void write(BugCollection bugs, Path sarif, Path sourceRoot) throws IOException {
        JsonObject log = SarifLog.of(bugs, sourceRoot);
        Path parent = sarif.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(sarif, new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(log)
                + "\n", StandardCharsets.UTF_8);
    }

    /**
     * Loads LockSpot into SpotBugs unless a SpotBugs run here already did: reading a report back needs each bug's
     * pattern for its messages. LockSpot is where this class was loaded from (the plugin jar, or its classes folder).
     */
    static void loadLockSpot() throws IOException {
        if (Plugin.getByPluginId(PLUGIN_ID) != null) {
            return;
        }
        try {
            Plugin.addCustomPlugin(XmlToSarif.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (PluginException | URISyntaxException e) {
            throw new IOException("cannot load LockSpot's bug patterns: " + e.getMessage(), e);
        }
    }
}
