// The build must have failed because of LockSpot's finding, not for another reason.
def log = new File(basedir, 'build.log').text
assert log.contains('DLK_') : 'the gate did not name a DLK_ finding'
assert log.contains('Inventory') : 'the finding does not name the class'
assert log.contains('BUILD FAILURE')
