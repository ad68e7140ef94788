// The two later versions of the code, made from src/before so that each differs from it by exactly one edit:
// src/shifted adds a two-line method above the deadlock (every line below moves), src/new-deadlock adds Shipping.java.
import java.nio.file.Files
import java.nio.file.StandardCopyOption

def before = new File(basedir, 'src/before/java/shop/Inventory.java')
def shifted = new File(basedir, 'src/shifted/java/shop/Inventory.java')
shifted.parentFile.mkdirs()
def marker = '    private int inStore = 10;\n'
assert before.text.contains(marker)
shifted.text = before.text.replace(marker, marker + '\n    public int onShelf() {\n        return onShelf;\n    }\n')

def copied = new File(basedir, 'src/new-deadlock/java/shop/Inventory.java')
Files.copy(before.toPath(), copied.toPath(), StandardCopyOption.REPLACE_EXISTING)
return true
