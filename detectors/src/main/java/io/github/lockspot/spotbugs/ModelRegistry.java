package io.github.lockspot.spotbugs;

import edu.umd.cs.findbugs.ba.AnalysisContext;
import edu.umd.cs.findbugs.classfile.CheckedAnalysisException;
import edu.umd.cs.findbugs.classfile.ClassDescriptor;
import edu.umd.cs.findbugs.classfile.DescriptorFactory;
import edu.umd.cs.findbugs.classfile.Global;
import edu.umd.cs.findbugs.classfile.analysis.ClassData;
import io.github.lockspot.analysis.api.Supertypes;
import io.github.lockspot.analysis.flow.Accessors;
import io.github.lockspot.analysis.flow.ClassAnalysis;
import io.github.lockspot.analysis.flow.ClassSummary;
import io.github.lockspot.analysis.flow.MethodSummary;
import io.github.lockspot.analysis.program.ProgramModel;
import java.util.Map;
import java.util.WeakHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@link ProgramModel} per SpotBugs run, shared by all LockSpot detectors: the first detector to visit a class
 * feeds it, so each class is read and analysed once whichever detectors are enabled.
 */
public final class ModelRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(ModelRegistry.class);
    private static final Map<AnalysisContext, Run> RUNS = new WeakHashMap<>();

    /** What one SpotBugs run shares: the model, the subtype answers asked of SpotBugs and the accessors it has read. */
    private record Run(ProgramModel model, Supertypes supertypes, Accessors accessors) {
    }

    private ModelRegistry() {
    }

    private static synchronized Run currentRun() {
        return RUNS.computeIfAbsent(AnalysisContext.currentAnalysisContext(), context -> {
            Supertypes supertypes = Supertypes.remembering(ModelRegistry::isSubtype);
            ProgramModel model = new ProgramModel();
            model.readLibraryClassesWith(ModelRegistry::classBytes, supertypes);
            return new Run(model, supertypes, new Accessors(ModelRegistry::classBytes));
        });
    }

    /**
     * The class file of {@code name} from SpotBugs' class path (the analysed jars, the auxiliary class path and the
     * JDK), or null if it is not there: how calls into library code are followed.
     */
    private static byte[] classBytes(String name) {
        try {
            return Global.getAnalysisCache()
                    .getClassAnalysis(ClassData.class, DescriptorFactory.createClassDescriptor(name)).getData();
        } catch (CheckedAnalysisException e) {
            return null;
        }
    }

    /** The model of the running analysis. */
    public static ProgramModel currentModel() {
        return currentRun().model();
    }

    /** Subtyping as SpotBugs sees the analysed and auxiliary class path; false for classes it cannot find. */
    private static boolean isSubtype(String type, String supertype) {
        try {
            return AnalysisContext.currentAnalysisContext().getSubtypes2().isSubtype(
                    DescriptorFactory.createClassDescriptor(type), DescriptorFactory.createClassDescriptor(supertype));
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /**
     * Adds a class to the current model unless it is there already. A class file LockSpot cannot read is logged and
     * left out; it never stops the run.
     */
    public static void feed(ClassDescriptor descriptor) {
        Run run = currentRun();
        ProgramModel model = run.model();
        if (model.contains(descriptor.getClassName())) {
            return;
        }
        try {
            byte[] bytes = Global.getAnalysisCache().getClassAnalysis(ClassData.class, descriptor).getData();
            ClassSummary summary = ClassAnalysis.analyze(bytes, run.supertypes(), run.accessors());
            for (MethodSummary method : summary.methods()) {
                if (method.skipReason() != null) {
                    LOG.debug("LockSpot skipped {}: {}", method.method(), method.skipReason());
                }
            }
            model.add(summary);
        } catch (CheckedAnalysisException | IllegalArgumentException e) {
            LOG.warn("LockSpot skipped class {}: {}", descriptor.getDottedClassName(), e.getMessage());
        }
    }
}
