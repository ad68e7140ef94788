package io.github.lockspot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lockspot.spotbugs.LockSpotDetector;
import io.github.lockspot.testing.FixtureReports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.xml.sax.SAXException;

/**
 * The plugin descriptor is what users' SpotBugs loads: both XML files must match SpotBugs' schemas, and every bug
 * pattern needs a message, an absolute rank (without one the plugin is silently disabled) and a README row.
 */
class PluginDescriptorTest {

    private static final Path RESOURCES = Path.of("src/main/resources");
    private static final Pattern BUG_PATTERN = Pattern.compile("<BugPattern\\s[^>]*type=\"([A-Z0-9_]+)\"");
    private static final Pattern DETECTOR = Pattern.compile("<Detector\\s[^>]*class=\"([\\w.]+)\"");

    private static String read(Path path) throws IOException {
        return Files.readString(path);
    }

    private static Set<String> matches(Pattern pattern, String text) {
        Set<String> found = new TreeSet<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    private static void validate(String file, String schema) throws IOException, SAXException {
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        factory.newSchema(new StreamSource(PluginDescriptorTest.class.getResourceAsStream("/" + schema)))
                .newValidator().validate(new StreamSource(RESOURCES.resolve(file).toFile()));
    }

    @Test
    void descriptorsMatchSpotBugsSchemas() throws Exception {
        validate("findbugs.xml", "findbugsplugin.xsd");
        validate("messages.xml", "messagecollection.xsd");
    }

    @Test
    void everyPatternHasAFamilyPrefixMessageAbsoluteRankAndReadmeRow() throws IOException {
        Set<String> patterns = matches(BUG_PATTERN, read(RESOURCES.resolve("findbugs.xml")));
        String messages = read(RESOURCES.resolve("messages.xml"));
        List<String> ranks = Files.readAllLines(RESOURCES.resolve("bugrank.txt"));
        String readme = read(Path.of("../README.md"));
        List<String> problems = new ArrayList<>();
        for (String type : patterns) {
            if (FixtureReports.FAMILIES.stream().noneMatch(type::startsWith)) {
                problems.add(type + ": no family prefix");
            }
            if (!messages.contains("<BugPattern type=\"" + type + "\">")) {
                problems.add(type + ": no message");
            }
            if (ranks.stream().noneMatch(line -> line.matches("\\d+ BugPattern " + type))) {
                problems.add(type + ": no absolute rank in bugrank.txt");
            }
            if (!readme.contains("`" + type + "`")) {
                problems.add(type + ": no README row");
            }
            // SARIF rules link to README.md#TYPE (messages.xml's BugsUrl + the pattern): the anchor must exist.
            if (!readme.contains("<a id=\"" + type + "\"></a>")) {
                problems.add(type + ": no README anchor for its help link");
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyDetectorIsALockSpotDetectorWithAMessage() throws Exception {
        String messages = read(RESOURCES.resolve("messages.xml"));
        for (String detector : matches(DETECTOR, read(RESOURCES.resolve("findbugs.xml")))) {
            assertTrue(LockSpotDetector.class.isAssignableFrom(Class.forName(detector)), detector);
            assertTrue(messages.contains("<Detector class=\"" + detector + "\">"), detector + " has no message");
        }
    }
}
