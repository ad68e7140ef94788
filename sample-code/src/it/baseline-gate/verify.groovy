// Baseline: what SpotBugs reported on the code as it was. Each later run's report keeps only what the baseline lacks.
def bugs = { String run ->
    def report = new File(basedir, "target/${run}/spotbugsXml.xml")
    assert report.isFile() : "no report from the ${run} run"
    new groovy.xml.XmlSlurper().parse(report).BugInstance.findAll { it.@type.text().startsWith('DLK_') }
}
def baseline = bugs('before')
assert baseline.size() == 1 && baseline[0].Class[0].@classname.text() == 'shop.Inventory' :
        'the baseline has the deadlock in Inventory'

// The unrelated edit moved the deadlock's lines, yet its instance hash is the baseline's: nothing new, the gate passed.
assert bugs('shifted').isEmpty() : 'after the line shift the baseline no longer hides the deadlock'
def moved = new File(basedir, 'src/shifted/java/shop/Inventory.java').readLines().size() -
        new File(basedir, 'src/before/java/shop/Inventory.java').readLines().size()
assert moved > 0 : 'the edit did not move any line'

// The new deadlock alone is reported and fails the gate.
def added = bugs('new-deadlock')
assert added.size() == 1 : 'expected only the new deadlock, got ' + added*.Class*.@classname
assert added[0].Class[0].@classname.text() == 'shop.Shipping'

// build.log holds the three runs in turn; the last is the failing gate's.
def log = new File(basedir, 'build.log').text
def gate = log.substring(log.lastIndexOf('Building baseline-gate'))
assert gate.contains('Shipping') && gate.contains('BUILD FAILURE') : 'the failing gate does not name the new deadlock'
assert !gate.contains('Inventory.') : 'the failing gate names the accepted deadlock too'
