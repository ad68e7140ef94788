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

    /**
     * Owners of I/O calls, and of the calls that hand out streams, that talk to a peer: sockets, HTTP, JDBC, socket
     * channels. A URL read at start-up is a resource of the program's own, not among them.
     */
    private static final List<String> PEER_IO = List.of("java/net/Socket", "java/net/ServerSocket",
            "java/net/DatagramSocket", "java/net/HttpURLConnection", "java/net/http/", "java/sql/", "javax/sql/",
            "javax/net/", "java/nio/channels/SocketChannel", "java/nio/channels/ServerSocketChannel",
            "java/nio/channels/DatagramChannel", "java/nio/channels/AsynchronousSocketChannel");

    private ResourceTypes() {
    }

    /** Whether calls on {@code owner} (internal name) talk to a peer rather than to a local file or stream. */
    public static boolean talksToPeer(String owner) {
        return owner != null && PEER_IO.stream().anyMatch(owner::startsWith);
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
