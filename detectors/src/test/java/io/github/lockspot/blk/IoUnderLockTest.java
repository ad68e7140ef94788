package io.github.lockspot.blk;

import static io.github.lockspot.testing.FixtureReports.assertExactly;
import static io.github.lockspot.testing.FixtureReports.report;
import static org.junit.jupiter.api.Assertions.assertEquals;

import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.Priorities;
import io.github.lockspot.fixtures.blk.ChannelReadOutsideLockFixed;
import io.github.lockspot.fixtures.blk.ChannelReadUnderLockBug;
import io.github.lockspot.fixtures.blk.HttpSendOutsideLockFixed;
import io.github.lockspot.fixtures.blk.HttpSendUnderLockBug;
import io.github.lockspot.fixtures.blk.JdbcOutsideLockFixed;
import io.github.lockspot.fixtures.blk.JdbcUnderLockBug;
import io.github.lockspot.fixtures.blk.NonBlockingChannelReadFixed;
import io.github.lockspot.fixtures.blk.OwnStreamHelperUnderLockFixed;
import io.github.lockspot.fixtures.blk.SocketReadOutsideLockFixed;
import io.github.lockspot.fixtures.blk.SocketReadUnderLockBug;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code BLK_IO_UNDER_LOCK}: socket, HTTP, JDBC and blocking-channel I/O inside a locked region, one report per region;
 * nothing when the I/O runs outside it, or on channels in non-blocking mode.
 */
class IoUnderLockTest {

    private static final String IO = "BLK_IO_UNDER_LOCK";

    @Test
    void socketStreamReadInsideTheMonitor() {
        assertExactly(SocketReadUnderLockBug.class, report(IO, "readChunk", 26));
        assertExactly(SocketReadOutsideLockFixed.class);
    }

    @Test
    void httpRequestSentWhileHoldingTheLock() {
        assertExactly(HttpSendUnderLockBug.class, report(IO, "refresh", 35));
        assertExactly(HttpSendOutsideLockFixed.class);
    }

    /** Two database calls in one synchronized method are one locked region: one report, the second line with it. */
    @Test
    void jdbcCallsInsideTheMonitorAreOneReport() {
        assertExactly(JdbcUnderLockBug.class, report(IO, "append", 29));
        assertExactly(JdbcOutsideLockFixed.class);
        BugInstance jdbc = BlkReports.onlyReportOn(JdbcUnderLockBug.class);
        assertEquals(List.of(31), BlkReports.lines(jdbc, "SOURCE_LINE_ANOTHER_INSTANCE"), "executeUpdate()");
        assertEquals(Priorities.NORMAL_PRIORITY, jdbc.getPriority(), "I/O comes after waits on other threads");
    }

    @Test
    void blockingModeChannelReadInsideTheMonitor() {
        assertExactly(ChannelReadUnderLockBug.class, report(IO, "readChunk", 25));
        assertExactly(ChannelReadOutsideLockFixed.class);
        assertExactly(NonBlockingChannelReadFixed.class);
    }

    /** The program's own stream class: its methods that InputStream does not have are analysed, not catalogued. */
    @Test
    void ownStreamMethodNamedLikeAReadIsNotTakenForInputStreamRead() {
        assertExactly(OwnStreamHelperUnderLockFixed.class);
    }
}
