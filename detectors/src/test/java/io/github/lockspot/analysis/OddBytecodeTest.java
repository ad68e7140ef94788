package io.github.lockspot.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lockspot.analysis.flow.ClassAnalysis;
import io.github.lockspot.analysis.flow.ClassSummary;
import io.github.lockspot.analysis.flow.MethodSummary;
import io.github.lockspot.analysis.value.Site;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Bytecode javac never writes but other compilers, obfuscators and old class files do: the analysis must skip what
 * it cannot understand, say why, and go on with the rest of the class.
 */
class OddBytecodeTest {

    /** A class {@code Odd} with a well-formed {@code fine()} and an {@code odd()} whose body {@code writer} writes. */
    private static byte[] classWith(int version, Consumer<MethodVisitor> writer) {
        ClassWriter cw = new ClassWriter(0);
        cw.visit(version, Opcodes.ACC_PUBLIC, "Odd", null, "java/lang/Object", null);
        MethodVisitor fine = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_SYNCHRONIZED, "fine", "()V", null, null);
        fine.visitCode();
        fine.visitInsn(Opcodes.RETURN);
        fine.visitMaxs(0, 1);
        fine.visitEnd();
        MethodVisitor odd = cw.visitMethod(Opcodes.ACC_PUBLIC, "odd", "(Ljava/lang/Object;)V", null, null);
        odd.visitCode();
        writer.accept(odd);
        odd.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    private static MethodSummary method(ClassSummary summary, String name) {
        return summary.methods().stream().filter(m -> m.method().name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void invalidStackIsSkippedWithAReasonAndTheRestOfTheClassIsKept() {
        ClassSummary summary = ClassAnalysis.analyze(classWith(Opcodes.V17, m -> {
            m.visitInsn(Opcodes.POP); // pops an empty stack
            m.visitInsn(Opcodes.RETURN);
            m.visitMaxs(1, 2);
        }));
        assertNotNull(method(summary, "odd").skipReason());
        assertNull(method(summary, "fine").skipReason());
        assertEquals(1, method(summary, "fine").acquisitions().size(), "the synchronized method still counts");
    }

    @Test
    void classWithoutLineNumbersGivesSitesThatSaySoInsteadOfLineMinusOne() {
        ClassSummary summary = ClassAnalysis.analyze(classWith(Opcodes.V1_4, m -> {
            m.visitInsn(Opcodes.RETURN);
            m.visitMaxs(0, 2);
        }));
        Site entry = method(summary, "fine").acquisitions().get(0).site();
        assertEquals(-1, entry.line());
        assertEquals("an unknown line (no line numbers in the class)", entry.lineText());
    }

    @Test
    void monitorExitOnAnotherObjectThanEnteredIsAnalysedNotFatal() {
        ClassSummary summary = ClassAnalysis.analyze(classWith(Opcodes.V17, m -> {
            m.visitVarInsn(Opcodes.ALOAD, 0);
            m.visitInsn(Opcodes.MONITORENTER);
            m.visitVarInsn(Opcodes.ALOAD, 1);
            m.visitInsn(Opcodes.MONITOREXIT);
            m.visitInsn(Opcodes.RETURN);
            m.visitMaxs(1, 2);
        }));
        MethodSummary odd = method(summary, "odd");
        assertNull(odd.skipReason());
        assertEquals(1, odd.releases().size());
        assertEquals(0, odd.releases().get(0).before().max(), "the parameter's monitor was never entered");
    }

    @Test
    void oldSubroutinesAreFollowed() {
        ClassSummary summary = ClassAnalysis.analyze(classWith(Opcodes.V1_4, m -> {
            Label subroutine = new Label();
            m.visitVarInsn(Opcodes.ALOAD, 0);
            m.visitInsn(Opcodes.MONITORENTER);
            m.visitJumpInsn(Opcodes.JSR, subroutine);
            m.visitInsn(Opcodes.RETURN);
            m.visitLabel(subroutine);
            m.visitVarInsn(Opcodes.ASTORE, 2);
            m.visitVarInsn(Opcodes.ALOAD, 0);
            m.visitInsn(Opcodes.MONITOREXIT);
            m.visitVarInsn(Opcodes.RET, 2);
            m.visitMaxs(1, 3);
        }));
        MethodSummary odd = method(summary, "odd");
        assertNull(odd.skipReason());
        assertTrue(odd.releases().get(0).before().heldOnEveryPath(), "monitor released inside the subroutine");
    }

    @Test
    void unreadableClassFileGetsAClearMessage() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ClassAnalysis.analyze(new byte[] {(byte) 0xCA, (byte) 0xFE, 0, 1}));
        assertTrue(error.getMessage().startsWith("unreadable class file"), error.getMessage());
    }
}
