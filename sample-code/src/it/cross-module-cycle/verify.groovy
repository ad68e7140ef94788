// The application whose cycle closes in the library module failed its gate with exactly that cycle; the library and
// the fixed application, analysed the same way, passed.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log =~ /events \.+ SUCCESS/ : 'the library module did not pass its gate'
assert log =~ /audit-bug \.+ FAILURE/ : 'the application with the cycle did not fail its gate'
assert log =~ /audit-fixed \.+ SUCCESS/ : 'the fixed application did not pass its gate'

def families = ['DLK_', 'RMW_', 'RNA_', 'BLK_']
def lockSpotBugs = { String module ->
    def report = new File(basedir, module + '/target/spotbugsXml.xml')
    assert report.exists() : "SpotBugs did not run on $module"
    assert report.text.contains("<Plugin id='io.github.lockspot' enabled='true'>") : "LockSpot was not loaded in $module"
    new groovy.xml.XmlSlurper().parse(report).BugInstance.findAll { bug -> families.any { bug.@type.text().startsWith(it) } }
}
def cycles = lockSpotBugs('audit-bug')
assert cycles.size() == 1 : "expected one LockSpot report on audit-bug, got ${cycles.size()}"
def cycle = cycles[0]
assert cycle.@type == 'DLK_LOCK_ORDER_CYCLE'
assert cycle.@priority == '2' : 'the cycle is not shown at the default threshold as NORMAL'
assert cycle.Class.@classname == 'io.github.lockspot.fixtures.modules.audit.AuditTrailBug'
assert cycle.Method.find { it.@primary == 'true' }.@name == 'flush'
assert cycle.SourceLine.find { it.@primary == 'true' }.@start == '50'
assert lockSpotBugs('audit-fixed').size() == 0
assert lockSpotBugs('events').size() == 0
