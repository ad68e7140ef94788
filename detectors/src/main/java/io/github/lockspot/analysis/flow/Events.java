package io.github.lockspot.analysis.flow;

import io.github.lockspot.analysis.api.LockApi;
import io.github.lockspot.analysis.value.LockId;
import io.github.lockspot.analysis.value.MethodRef;
import io.github.lockspot.analysis.value.Origin;
import io.github.lockspot.analysis.value.Site;
import io.github.lockspot.analysis.value.ValuePath;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the per-method lock analysis records at each instruction that matters, with the locks held there. Events hash
 * by their site alone, which equal events share: they are map keys, and hashing every held lock, argument and origin
 * of each showed in profiles of large jars.
 */
public final class Events {
    private Events() {
    }

    /**
     * {@code lock} is taken at {@code site} while {@code before} is held. {@code blocking} is false for
     * {@code tryLock()}-style acquisitions, which cannot wait forever; {@code interruptible} is true for those that
     * throw when the waiting thread is interrupted. Synchronized methods acquire at their entry.
     */
    public record Acquisition(Site site, LockId lock, boolean blocking, boolean interruptible, HeldLocks before) {
        @Override
        public int hashCode() {
            return site.hashCode();
        }
    }

    /** {@code lock} is released at {@code site}; {@code before} says on which paths it was held just before. */
    public record Release(Site site, LockId lock, Hold before) {
        @Override
        public int hashCode() {
            return site.hashCode();
        }
    }

    /** {@code wait()}/{@code await()} ({@link LockApi.Op#WAIT}) or {@code notify()}/{@code signal()} on {@code lock}. */
    public record MonitorUse(Site site, LockApi.Op op, LockId lock, HeldLocks held) {
        @Override
        public int hashCode() {
            return site.hashCode();
        }
    }

    /**
     * A call. {@code receiver} and {@code args} are the paths of the receiver (null for static calls) and of the
     * reference arguments (null where unknown or primitive); {@code argOrigins} what the arguments were computed from
     * (null when none is tracked); {@code constants} the arguments that are the constant {@code false} (0) or
     * {@code true} (1), by index ({@code poll(false)}).
     */
    public record Call(Site site, MethodRef target, int opcode, ValuePath receiver, List<ValuePath> args,
            Set<Origin> argOrigins, Map<Integer, Integer> constants, HeldLocks held) {
        @Override
        public int hashCode() {
            return site.hashCode();
        }
    }

    /**
     * A field read or write. For a write, {@code written} is the stored value's path (if it has one),
     * {@code storesDefault} says the stored value is the constant {@code null}, {@code 0} or {@code false} (a field
     * cleared or reset), and {@code readBack} is the read of the
     * same field of the same object that the written value was computed from by arithmetic (not merely copied):
     * together they are a read-modify-write.
     */
    public record FieldAccess(Site site, String owner, String name, boolean write, boolean isStatic, ValuePath base,
            ValuePath written, boolean storesDefault, Origin.FieldRead readBack, HeldLocks held) {
        @Override
        public int hashCode() {
            return site.hashCode();
        }
    }

    /**
     * A conditional jump at {@code site} and a range of instructions, {@code from} (inclusive) to {@code to}
     * (exclusive), that runs on one of its outcomes only: the body of an {@code if} or of a loop that tests first,
     * or an {@code else}. {@code tested} is what the tested values were computed from (empty for a local flag or a
     * constant, null when from too many things); {@code nullCheck} marks {@code x == null}/{@code x != null} tests,
     * and {@code whenNull} that such a test runs the range when the value is null; {@code whenUnset} that the range runs
     * only while the tested value equals a value it can start from: null, zero or false, or a constant it is compared
     * with for equality ({@code if (epoch == -1)}); {@code flag}, when the test is of a boolean parameter alone
     * ({@code if (block)}), which value of it runs the range (else null).
     */
    public record Branch(Site site, int from, int to, Set<Origin> tested, boolean nullCheck, boolean whenNull,
            boolean whenUnset, Flag flag) {

        /** Whether the instruction at index {@code insn} runs only on this branch's outcome. */
        public boolean covers(int insn) {
            return from <= insn && insn < to;
        }
    }

    /** A range that runs only when boolean parameter {@code param} ({@code this} not counted) is {@code runsWhen}. */
    public record Flag(int param, boolean runsWhen) {
    }
}
