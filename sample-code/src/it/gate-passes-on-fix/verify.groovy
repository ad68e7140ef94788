// SpotBugs must really have run with LockSpot loaded, and found nothing to stop the build.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
def report = new File(basedir, 'target/spotbugsXml.xml')
assert report.exists() : 'SpotBugs did not run'
assert report.text.contains("<Plugin id='io.github.lockspot' enabled='true'>") : 'LockSpot was not loaded'
assert !log.contains('DLK_')
