package io.github.lockspot.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lockspot.analysis.api.BlockingCalls;
import io.github.lockspot.analysis.api.BlockingCalls.Category;
import io.github.lockspot.analysis.flow.ClassAnalysis;
import io.github.lockspot.analysis.flow.ClassSummary;
import io.github.lockspot.analysis.flow.Events;
import io.github.lockspot.analysis.flow.HeldLocks;
import io.github.lockspot.analysis.flow.MethodSummary;
import io.github.lockspot.analysis.program.BlockingSites;
import io.github.lockspot.analysis.program.ProgramModel;
import io.github.lockspot.analysis.value.MethodRef;
import io.github.lockspot.analysis.value.Site;
import io.github.lockspot.analysis.value.ValuePath;
import io.github.lockspot.fixtures.blk.ChannelReadUnderLockBug;
import io.github.lockspot.fixtures.blk.ConditionHelperWaitBug;
import io.github.lockspot.fixtures.blk.NonBlockingChannelReadFixed;
import io.github.lockspot.fixtures.blk.NonBlockingVariantsFixed;
import io.github.lockspot.fixtures.blk.SocketReadUnderLockBug;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.Opcodes;

/**
 * The blocking-call catalogue: read from data, matched on subtypes, overridden for in-memory streams, extended by the
 * user's file, and channel I/O left out for channels in non-blocking mode.
 */
class BlockingCallsTest {

    private static final ProgramModel JDK_ONLY = new ProgramModel();

    private static Events.Call call(String owner, String name, String desc, ValuePath receiver) {
        MethodRef caller = new MethodRef("Caller", "m", "()V");
        return new Events.Call(new Site(caller, 0, 1), new MethodRef(owner, name, desc), Opcodes.INVOKEVIRTUAL,
                receiver, List.of(), null, Map.of(), HeldLocks.NONE);
    }

    private static Category categoryOf(BlockingCalls catalog, String owner, String name, String desc) {
        return new BlockingSites(catalog).categoryOf(call(owner, name, desc, new ValuePath.Unknown(owner)), JDK_ONLY);
    }

    @Test
    void builtInCatalogueCoversEveryCategory() {
        Set<Category> categories = EnumSet.noneOf(Category.class);
        for (BlockingCalls.Entry entry : BlockingCalls.builtIn().entries()) {
            categories.add(entry.category());
        }
        assertEquals(EnumSet.allOf(Category.class), categories);
    }

    @Test
    void callsOnSubtypesOfACataloguedTypeMatchAndNonBlockingVariantsDoNot() {
        BlockingCalls catalog = BlockingCalls.builtIn();
        assertEquals(Category.QUEUE, categoryOf(catalog, "java/util/concurrent/ArrayBlockingQueue", "put",
                "(Ljava/lang/Object;)V"));
        assertEquals(Category.QUEUE, categoryOf(catalog, "java/util/concurrent/LinkedBlockingDeque", "poll",
                "(JLjava/util/concurrent/TimeUnit;)Ljava/lang/Object;"));
        assertNull(categoryOf(catalog, "java/util/concurrent/ArrayBlockingQueue", "offer", "(Ljava/lang/Object;)Z"));
        assertNull(categoryOf(catalog, "java/util/concurrent/ArrayBlockingQueue", "poll", "()Ljava/lang/Object;"));
        assertEquals(Category.FUTURE, categoryOf(catalog, "java/util/concurrent/FutureTask", "get",
                "()Ljava/lang/Object;"));
        assertEquals(Category.IO, categoryOf(catalog, "java/io/FileInputStream", "read", "([B)I"));
        assertEquals(Category.IO, categoryOf(catalog, "java/sql/PreparedStatement", "executeUpdate", "()I"));
    }

    @Test
    void inMemoryStreamsAreNotBlockingWhetherNamedByTheCallOrByTheReceiver() {
        BlockingCalls catalog = BlockingCalls.builtIn();
        assertNull(categoryOf(catalog, "java/io/ByteArrayInputStream", "read", "([B)I"));
        Site allocation = new Site(new MethodRef("Caller", "m", "()V"), 0, 1);
        Events.Call readThroughSupertype = call("java/io/InputStream", "read", "([B)I",
                new ValuePath.NewObject("java/io/ByteArrayInputStream", allocation));
        assertNull(new BlockingSites(catalog).categoryOf(readThroughSupertype, JDK_ONLY));
    }

    @Test
    void usersExtendTheCatalogueWithTheFileTheSystemPropertyNames(@TempDir Path dir) throws IOException {
        Path extra = Files.writeString(dir.resolve("rpc.txt"), "# our RPC client\ncom.example.RpcClient call* * io\n");
        String old = System.getProperty(BlockingCalls.EXTRA_CATALOG_PROPERTY);
        System.setProperty(BlockingCalls.EXTRA_CATALOG_PROPERTY, extra.toString());
        try {
            BlockingCalls catalog = BlockingCalls.load();
            assertEquals(Category.IO, categoryOf(catalog, "com/example/RpcClient", "callRemote", "()V"));
            assertEquals(Category.QUEUE, categoryOf(catalog, "java/util/concurrent/BlockingQueue", "take",
                    "()Ljava/lang/Object;"), "the built-in entries stay");
        } finally {
            if (old == null) {
                System.clearProperty(BlockingCalls.EXTRA_CATALOG_PROPERTY);
            } else {
                System.setProperty(BlockingCalls.EXTRA_CATALOG_PROPERTY, old);
            }
        }
    }

    @Test
    void malformedLinesAreRejectedWithTheirPlace() {
        IllegalArgumentException unknownCategory = assertThrows(IllegalArgumentException.class,
                () -> BlockingCalls.parse(List.of("", "com.example.Rpc call * slow"), "mine.txt"));
        assertTrue(unknownCategory.getMessage().startsWith("mine.txt:2: "), unknownCategory.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> BlockingCalls.parse(List.of("com.example.Rpc call io"), "mine.txt"), "three fields");
        assertThrows(IllegalArgumentException.class,
                () -> BlockingCalls.parse(List.of("com.example.Rpc * * io"), "mine.txt"), "any method only to exclude");
        assertThrows(IllegalArgumentException.class, () -> BlockingCalls.read(Path.of("/no/such/catalogue.txt")));
    }

    /**
     * A selector loop: it registers channels, which only non-blocking ones can be. Not in the fixtures, where it would
     * make every fixture's channel non-blocking.
     */
    static final class SelectorLoop {
        static void register(SocketChannel channel, Selector selector) throws IOException {
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ);
        }
    }

    private static List<BlockingSites.Blocking> blockingIn(Class<?> type, String method, Class<?>... alsoAnalysed)
            throws IOException {
        ProgramModel model = new ProgramModel();
        ClassSummary summary = ClassAnalysis.analyze(HeldLocksTest.bytesOf(type));
        model.add(summary);
        for (Class<?> other : alsoAnalysed) {
            try (InputStream in = other.getResourceAsStream(other.getName().replaceAll(".*\\.", "") + ".class")) {
                model.add(ClassAnalysis.analyze(in.readAllBytes()));
            }
        }
        List<BlockingSites.Blocking> found = new ArrayList<>();
        for (MethodSummary summaryOfMethod : summary.methods()) {
            if (summaryOfMethod.method().name().equals(method)) {
                found.addAll(new BlockingSites(BlockingCalls.builtIn()).in(summaryOfMethod, model));
            }
        }
        return found;
    }

    @Test
    void channelReadsBlockOnlyOnChannelsNotSwitchedToNonBlockingMode() throws IOException {
        List<BlockingSites.Blocking> blocking = blockingIn(ChannelReadUnderLockBug.class, "readChunk");
        assertEquals(1, blocking.size());
        assertEquals(Category.CHANNEL_IO, blocking.get(0).category());
        assertEquals("SocketChannel.read(ByteBuffer)", blocking.get(0).api());
        assertEquals(List.of(), blockingIn(NonBlockingChannelReadFixed.class, "readChunk"), "configured in <init>");
        assertEquals(List.of(), blockingIn(NonBlockingChannelReadFixed.class, "readReady"), "from a SelectionKey");
        assertEquals(List.of(), blockingIn(ChannelReadUnderLockBug.class, "readChunk", SelectorLoop.class),
                "in a program that registers channels with a selector");
    }

    @Test
    void readersMadeAroundAnInMemoryReaderAreInMemoryToo() throws IOException {
        assertEquals(List.of(), blockingIn(NonBlockingVariantsFixed.class, "lines"));
        List<BlockingSites.Blocking> socketRead = blockingIn(SocketReadUnderLockBug.class, "readChunk");
        assertEquals(List.of("InputStream.read(byte[])"), socketRead.stream().map(BlockingSites.Blocking::api).toList());
    }

    /** A condition handed to a helper is the helper's parameter; in the caller it is {@code stateLock}'s condition. */
    @Test
    void calleeValuesAreRewrittenIntoTheCallersTerms() throws IOException {
        ClassSummary summary = ClassAnalysis.analyze(HeldLocksTest.bytesOf(ConditionHelperWaitBug.class));
        Events.Call until = null;
        for (MethodSummary method : summary.methods()) {
            for (Events.Call call : method.calls()) {
                if (call.target().name().equals("until")) {
                    until = call;
                }
            }
        }
        ValuePath conditionInHelper = new ValuePath.Param(0, "changed", "java/util/concurrent/locks/Condition");
        assertEquals("ConditionHelperWaitBug.stateLock.newCondition()",
                ProgramModel.inCallerTerms(conditionInHelper, List.of(until)).display());
    }
}
