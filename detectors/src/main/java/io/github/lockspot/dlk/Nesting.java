package io.github.lockspot.dlk;

import io.github.lockspot.analysis.flow.Events;
import io.github.lockspot.analysis.program.ProgramModel;
import io.github.lockspot.analysis.value.LockId;
import io.github.lockspot.analysis.value.MethodRef;
import io.github.lockspot.analysis.value.Site;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One place where a thread holding {@code held} blocks to take {@code taken}: the fact behind a lock-order edge.
 * Both locks are named in the terms of {@code origin}. {@code path} is the chain of calls from {@code origin} down to
 * the method that takes {@code taken}; the method holding {@code held} is the one reached by the first
 * {@code holderDepth} calls of it (0: {@code origin} itself). {@code heldOwn} and {@code takenOwn} are the locks as
 * the methods that take them name them. {@code gates} are the graph nodes of exclusive locks taken before
 * {@code held} and still held here; {@code between} those taken after {@code held} and still held here.
 */
record Nesting(MethodRef origin, LockId held, LockId taken, LockId heldOwn, LockId takenOwn, Site heldAt,
        Site takenAt, List<Events.Call> path, int holderDepth, Set<String> gates, Set<String> between) {

    /** Where the holder, holding {@code held}, takes {@code taken} or calls into the code that does. */
    Site nestingPoint() {
        return path.size() > holderDepth ? path.get(holderDepth).site() : takenAt;
    }

    /** Where {@code origin} takes the second lock or calls towards it. */
    Site originPoint() {
        return path.isEmpty() ? takenAt : path.get(0).site();
    }

    /** The calls from the holder down to the method taking {@code taken}. */
    List<Events.Call> holderPath() {
        return path.subList(holderDepth, path.size());
    }

    /** {@code held} as each method on the way names it, from its holder out to {@code origin}. */
    List<LockId> heldViews() {
        return views(heldOwn, path.subList(0, holderDepth));
    }

    /** {@code taken} as each method on the way names it, from the method taking it out to {@code origin}. */
    List<LockId> takenViews() {
        return views(takenOwn, path);
    }

    private static List<LockId> views(LockId own, List<Events.Call> calls) {
        List<LockId> views = new ArrayList<>(calls.size() + 1);
        LockId view = own;
        views.add(view);
        for (int i = calls.size() - 1; i >= 0; i--) {
            view = ProgramModel.inCallerTerms(view, List.of(calls.get(i)));
            views.add(view);
        }
        return views;
    }

    /** This nesting as {@code caller} sees it when it reaches {@code origin} by {@code call} holding {@code callerGates}. */
    Nesting seenFrom(MethodRef caller, Events.Call call, Set<String> callerGates) {
        List<Events.Call> longer = new ArrayList<>(path.size() + 1);
        longer.add(call);
        longer.addAll(path);
        Set<String> allGates = new TreeSet<>(gates);
        allGates.addAll(callerGates);
        return new Nesting(caller, ProgramModel.inCallerTerms(held, List.of(call)),
                ProgramModel.inCallerTerms(taken, List.of(call)), heldOwn, takenOwn, heldAt, takenAt,
                List.copyOf(longer), holderDepth + 1, allGates, between);
    }
}
