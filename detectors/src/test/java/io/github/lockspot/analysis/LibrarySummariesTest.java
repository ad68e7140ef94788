package io.github.lockspot.analysis;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.lockspot.analysis.api.Supertypes;
import io.github.lockspot.analysis.flow.LibraryClass;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * Which methods of a class outside the analysed set are summarised: those that can matter to the program's locking,
 * and no others (a summary is a dataflow run over the method; a program calls hundreds of JDK methods).
 */
class LibrarySummariesTest {

    private static LibraryClass jdk(String name) throws IOException {
        try (InputStream in = ClassLoader.getSystemResourceAsStream(name + ".class")) {
            return LibraryClass.read(in.readAllBytes(), Supertypes.JDK_ONLY);
        }
    }

    @Test
    void methodsThatSynchronizeOrReachOneOfTheirClassThatDoesAreSummarised() throws IOException {
        LibraryClass observable = jdk("java/util/Observable");
        assertNotNull(observable.method("addObserver", "(Ljava/util/Observer;)V"), "synchronized");
        // notifyObservers() only calls notifyObservers(null), whose synchronized block takes the monitor
        assertNotNull(observable.method("notifyObservers", "()V"));
        assertNotNull(jdk("java/util/Vector").method("add", "(Ljava/lang/Object;)Z"));
    }

    @Test
    void callsOnAParameterThatCanBeTheProgramsAreCallbacks() throws IOException {
        assertNotNull(jdk("java/lang/String").method("valueOf", "(Ljava/lang/Object;)Ljava/lang/String;"),
                "valueOf(Object) calls the argument's toString()");
        assertNotNull(jdk("java/util/HashMap").method("get", "(Ljava/lang/Object;)Ljava/lang/Object;"),
                "get calls the key's hashCode() and equals()");
    }

    @Test
    void methodsThatNeitherLockNorCallBackAreNot() throws IOException {
        LibraryClass string = jdk("java/lang/String");
        // String synchronizes somewhere, but indexOf only calls methods of the String it is given
        assertNull(string.method("indexOf", "(Ljava/lang/String;)I"));
        assertNull(string.method("startsWith", "(Ljava/lang/String;)Z"));
        assertNull(jdk("java/util/ArrayList").method("size", "()I"));
    }
}
