package io.github.lockspot.analysis.api;

import java.util.List;

/**
 * The JDK's single-user I/O resources: a stream, reader or writer, a channel, a socket, a file, a JDBC connection,
 * statement, result set or LOB, a pooled connection, an XA resource. One such object is one conversation with a file,
 * a peer or a database; a lock of its own serialises that conversation, which cannot run outside it. Factories and
 * pools that hand resources out ({@code DataSource}, a pool) are shared by every user and are not among them.
 */
public final class ResourceTypes {

    private static final List<String> RESOURCES = List.of("java/io/InputStream", "java/io/OutputStream",
            "java/io/Reader", "java/io/Writer", "java/io/RandomAccessFile", "java/nio/channels/Channel",
            "java/net/Socket", "java/sql/Connection", "java/sql/Statement", "java/sql/ResultSet", "java/sql/Blob",
            "java/sql/Clob", "javax/sql/PooledConnection", "javax/transaction/xa/XAResource");

    private ResourceTypes() {
    }

    /** The JDK resource type {@code type} (internal name) is or extends, as {@code hierarchy} tells; null if none. */
    public static String resourceOf(String type, Supertypes hierarchy) {
        if (type == null) {
            return null;
        }
        for (String resource : RESOURCES) {
            if (hierarchy.isSubtype(type, resource)) {
                return resource;
            }
        }
        return null;
    }
}
