package io.github.lockspot.analysis.value;

import java.util.Objects;
import org.objectweb.asm.Type;

/** A method by owner (internal name), name and descriptor; prints as {@code Account.transfer(Account, int)}. */
public record MethodRef(String owner, String name, String desc) implements Comparable<MethodRef> {

    public String dottedOwner() {
        return owner.replace('/', '.');
    }

    public String simpleOwner() {
        return Names.simpleName(owner);
    }

    /**
     * Written out, with the record's formula (hash orders stay as they were): the record's own equals and hashCode go
     * through method handles, which most of a short run spends uncompiled, and methods key nearly every map of the
     * model.
     */
    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof MethodRef ref
                && Objects.equals(owner, ref.owner) && Objects.equals(name, ref.name) && Objects.equals(desc, ref.desc);
    }

    @Override
    public int hashCode() {
        return (Objects.hashCode(owner) * 31 + Objects.hashCode(name)) * 31 + Objects.hashCode(desc);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(simpleOwner()).append('.').append(name).append('(');
        Type[] args = Type.getArgumentTypes(desc);
        for (int i = 0; i < args.length; i++) {
            text.append(i == 0 ? "" : ", ").append(Names.simpleName(args[i].getClassName()));
        }
        return text.append(')').toString();
    }

    @Override
    public int compareTo(MethodRef other) {
        int byOwner = owner.compareTo(other.owner);
        if (byOwner != 0) {
            return byOwner;
        }
        int byName = name.compareTo(other.name);
        return byName != 0 ? byName : desc.compareTo(other.desc);
    }
}
