package dev.marble.chain.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class ChainLockTest {

    static final long SELF = ProcessHandle.current().pid();

    @TempDir
    Path root;

    private StateDir dir() {
        return StateDir.of(root.resolve("state"), "night-shift");
    }

    @Test
    void aChainRunningInAnotherProcessIsRefusedUntilThatProcessIsKilled() throws Exception {
        try (ChildJvm child =
                ChildJvm.start(LockHolderMain.class, root.resolve("state").toString(), "night-shift")) {
            assertThat(child.line()).isEqualTo("locked " + child.process.pid());

            assertThatThrownBy(() -> ChainLock.acquire(dir()))
                    .isInstanceOf(ChainBusyException.class)
                    .hasMessage("chain night-shift is already running (pid " + child.process.pid() + ")")
                    .extracting(e -> ((ChainBusyException) e).pid())
                    .isEqualTo(OptionalLong.of(child.process.pid()));
            assertThat(ChainLock.holder(dir())).contains(new ChainLock.Holder(OptionalLong.of(child.process.pid())));

            child.kill(); // kill -9: no shutdown hook, no cleanup; the OS drops the lock

            assertThat(ChainLock.holder(dir())).isEmpty();
            try (ChainLock lock = ChainLock.acquire(dir())) {
                assertThat(lock.dir().dir()).isEqualTo(dir().dir());
                assertThat(dir().dir().resolve("lock")).hasContent(Long.toString(SELF));
                assertThat(ChainLock.holder(dir())).contains(new ChainLock.Holder(OptionalLong.of(SELF)));
            }
        }
    }

    @Test
    void aSecondAcquireInTheSameJvmFailsAndKeepsTheFirstLockIntact() throws Exception {
        try (ChainLock first = ChainLock.acquire(dir())) {
            assertThatThrownBy(() -> ChainLock.acquire(dir()))
                    .isInstanceOf(ChainBusyException.class)
                    .hasMessage("chain night-shift is already running (pid " + SELF + ")");
            ChainLock.holder(dir());

            // On POSIX, closing any handle on the file would have dropped the OS lock: another process must still be
            // refused.
            try (ChildJvm child =
                    ChildJvm.start(LockHolderMain.class, root.resolve("state").toString(), "night-shift")) {
                assertThat(child.line())
                        .contains(ChainBusyException.class.getName())
                        .contains("chain night-shift is already running (pid " + SELF + ")");
                assertThat(child.exitCode()).isEqualTo(1);
            }
        }
    }

    @Test
    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "symbolic links need privileges there")
    void closingFreesTheChainAndTwoSpellingsOfOneDirectoryMeet() throws Exception {
        ChainLock lock = ChainLock.acquire(dir());
        Path alias = Files.createSymbolicLink(root.resolve("alias"), root.resolve("state"));
        assertThatThrownBy(() -> ChainLock.acquire(StateDir.of(alias, "night-shift")))
                .isInstanceOf(ChainBusyException.class);
        assertThatThrownBy(() -> ChainLock.acquire(StateDir.of(root.resolve("state/../state"), "night-shift")))
                .isInstanceOf(ChainBusyException.class);
        lock.close();
        lock.close();
        assertThat(ChainLock.holder(dir())).isEmpty();
        ChainLock.acquire(StateDir.of(alias, "night-shift")).close();
    }

    @Test
    void otherChainsAreIndependent() {
        try (ChainLock a = ChainLock.acquire(dir());
                ChainLock b = ChainLock.acquire(StateDir.of(root.resolve("state"), "day-shift"))) {
            assertThat(a).isNotSameAs(b);
        }
    }
}
