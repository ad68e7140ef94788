package io.github.lockspot.blk;

import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.BugReporter;
import edu.umd.cs.findbugs.ba.AnalysisContext;
import io.github.lockspot.analysis.api.BlockingCalls;
import io.github.lockspot.analysis.flow.Events;
import io.github.lockspot.analysis.flow.Hold;
import io.github.lockspot.analysis.flow.MethodSummary;
import io.github.lockspot.analysis.program.ProgramModel;
import io.github.lockspot.analysis.value.LockKind;
import io.github.lockspot.analysis.value.MethodRef;
import io.github.lockspot.analysis.value.Site;
import io.github.lockspot.blk.BlockingFinder.Finding;
import io.github.lockspot.spotbugs.LockSpotDetector;
import io.github.lockspot.spotbugs.Reports;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * BLK: a thread blocks (sleeps, joins, waits for a queue, a future, a synchronizer, a process or I/O, or waits on one
 * lock while holding another) while it holds a lock, directly or through calls. Every thread that needs the lock
 * waits as long; when the lock is a monitor, a virtual thread also pins its carrier on JDK 21–23. Reported at the
 * blocking call in the locked region, or at the call there that leads to it, naming the lock and where it was taken.
 * What blocks comes from {@link BlockingCalls}, a catalogue users can extend.
 */
public class BlockingUnderLockDetector extends LockSpotDetector {

    private static final String ANOTHER_INSTANCE = "SOURCE_LINE_ANOTHER_INSTANCE";

    public BlockingUnderLockDetector(BugReporter bugReporter) {
        super(bugReporter);
    }

    @Override
    protected void report(ProgramModel model, Reports reports) {
        BlockingFinder finder = new BlockingFinder(model, catalog());
        Map<Site, List<Finding>> bySite = new LinkedHashMap<>();
        for (MethodSummary method : model.allMethods()) {
            for (Finding finding : finder.findIn(method)) {
                bySite.computeIfAbsent(finding.blocking().site(), k -> new ArrayList<>()).add(finding);
            }
        }
        Map<Finding, List<Finding>> otherHolders = new IdentityHashMap<>();
        Map<String, List<Finding>> byRegion = new LinkedHashMap<>();
        for (List<Finding> sameBlocking : bySite.values()) {
            List<Finding> left = new ArrayList<>(sameBlocking);
            while (!left.isEmpty()) {
                List<Finding> holders = nestedWith(left.remove(0), left);
                Finding root = BlockingFinder.root(holders);
                holders.remove(root);
                otherHolders.put(root, holders);
                byRegion.computeIfAbsent(root.region(), k -> new ArrayList<>()).add(root);
            }
        }
        for (List<Finding> sameRegion : byRegion.values()) {
            reports.report(bugFor(sameRegion, otherHolders, model, reports));
        }
    }

    /** The catalogue with the user's extra files; if those cannot be read, the built-in one, and an error says why. */
    private static BlockingCalls catalog() {
        try {
            return BlockingCalls.load();
        } catch (IllegalArgumentException e) {
            AnalysisContext.logError("LockSpot BLK uses its built-in blocking-call catalogue only: " + e.getMessage(),
                    e);
            return BlockingCalls.builtIn();
        }
    }

    /**
     * One report per locked region, at its most urgent blocking. Annotations, in the order messages.xml refers to
     * them: {3} what blocks (with the calls leading to it), {4} the locks held, {5} where the first was taken (side 1,
     * step 1), {6} the fix; then the other steps of side 1 (where the other locks were taken, each call of the chain
     * with its method, the blocking call), and the region's other blocking lines.
     */
    private static BugInstance bugFor(List<Finding> sameRegion, Map<Finding, List<Finding>> otherHolders,
            ProgramModel model, Reports reports) {
        Finding finding = BlockingFinder.best(sameRegion);
        BugInstance bug = reports.bugAt(finding.type(), finding.priority(), finding.site(), model)
                .addString(whatBlocks(finding));
        List<String> names = new ArrayList<>();
        for (Hold hold : finding.locks()) {
            names.add(hold.lock().display());
        }
        bug.addString(String.join(" and ", names));
        List<Hold> locks = finding.locks();
        Reports.Side side = reports.side(bug, 1, finding.site().method(), model);
        side.step(takenAt(locks.get(0), finding), "holds " + locks.get(0).lock().display());
        bug.addString(advice(finding) + "; " + finding.rule() + alsoHeldBy(otherHolders.get(finding)));
        for (Hold other : locks.subList(1, locks.size())) {
            side.step(takenAt(other, finding), "holds " + other.lock().display());
        }
        for (Events.Call call : finding.chain()) {
            side.call(call.site(), call.target());
        }
        side.step(finding.blocking().site(), "calls " + finding.blocking().api());
        Map<Integer, Site> otherLines = new TreeMap<>();
        for (Finding other : sameRegion) {
            otherLines.putIfAbsent(other.site().line(), other.site());
        }
        otherLines.remove(finding.site().line());
        for (Site other : otherLines.values()) {
            bug.addSourceLine(reports.line(other, model)).describe(ANOTHER_INSTANCE);
        }
        return bug;
    }

    private static Site takenAt(Hold hold, Finding finding) {
        return hold.acquiredAt() != null ? hold.acquiredAt() : finding.site();
    }

    /**
     * {@code BlockingQueue.put(Object)}, or through calls {@code Pool.borrow() → BlockingQueue.take()}. A call of an
     * interface or virtual method is named by the implementation the chain runs in ({@code PrepRequestProcessor}, not
     * {@code RequestProcessor}): the method a user opens.
     */
    private static String whatBlocks(Finding finding) {
        StringBuilder text = new StringBuilder();
        List<Events.Call> chain = finding.chain();
        for (int i = 0; i < chain.size(); i++) {
            MethodRef ran = i + 1 < chain.size() ? chain.get(i + 1).site().method() : finding.blocking().site().method();
            MethodRef called = chain.get(i).target();
            boolean implementation = ran.name().equals(called.name()) && ran.desc().equals(called.desc());
            text.append(implementation ? ran : called).append(" → ");
        }
        return text.append(finding.blocking().api()).toString();
    }

    /**
     * {@code first} and the findings of {@code left} (removed from it) that are {@link BlockingFinder#nested} with it,
     * directly or through one another: the holders of one root, e.g. two outer callers of one method that blocks under
     * its own lock.
     */
    private static List<Finding> nestedWith(Finding first, List<Finding> left) {
        List<Finding> holders = new ArrayList<>(List.of(first));
        for (int i = 0; i < holders.size(); i++) {
            for (Iterator<Finding> it = left.iterator(); it.hasNext();) {
                Finding other = it.next();
                if (BlockingFinder.nested(holders.get(i), other)) {
                    holders.add(other);
                    it.remove();
                }
            }
        }
        return holders;
    }

    /** The other holders of the same root, reported here once rather than each on its own, in name order. */
    private static String alsoHeldBy(List<Finding> others) {
        Set<String> holders = new TreeSet<>();
        for (Finding other : others) {
            List<String> names = new ArrayList<>();
            for (Hold hold : other.locks()) {
                names.add(hold.lock().display());
            }
            holders.add(other.method().method() + " (holding " + String.join(" and ", names) + ")");
        }
        return holders.isEmpty() ? "" : "; also reached with a lock held from " + String.join(", ", holders);
    }

    private static String advice(Finding finding) {
        String fix;
        if (finding.releaseUnknown()) {
            fix = "waiting releases at most one of these, its condition's lock: release the others first";
        } else if (finding.type().equals(BlockingFinder.WAIT_WITH_OTHER_LOCK_HELD)) {
            fix = "waiting releases only the lock waited on: release the others first, or wait on the outermost lock";
        } else if (finding.type().equals(BlockingFinder.IO_UNDER_LOCK)) {
            fix = "do the I/O outside the locked region, with what it needs copied under the lock";
        } else if (finding.blocking().category() == BlockingCalls.Category.SLEEP) {
            fix = "wait on the held lock instead (wait(timeout) or Condition.await), which releases it while waiting";
        } else {
            fix = "move the call out of the locked region";
        }
        for (Hold hold : finding.locks()) {
            if (hold.lock().kind() == LockKind.MONITOR) {
                return fix + "; holding a monitor, it also pins a virtual thread's carrier on JDK 21–23";
            }
        }
        return fix;
    }
}
