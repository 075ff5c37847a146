package dev.leakinspector.attach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StaleAttachSocketTest {

    @Test
    void readsTheEffectiveUidAndTheInnermostNamespacePid() {
        List<String> status = List.of("Name:\tjava", "Pid:\t4242", "PPid:\t1", "Uid:\t1000\t65534\t65534\t65534",
                "Gid:\t1000\t65534\t65534\t65534", "NSpid:\t4242\t17");

        assertEquals(Optional.of(new ProcessIds(65534, 17)), ProcessIds.parse(status));
    }

    @Test
    void withoutNamespacesThePidIsTheOneTheAttachApiUses() {
        List<String> status = List.of("Name:\tjava", "Pid:\t4242", "Uid:\t0\t0\t0\t0");

        assertEquals(Optional.of(new ProcessIds(0, 4242)), ProcessIds.parse(status));
    }

    @Test
    void aStatusWithoutUidsTellsNothing() {
        assertTrue(ProcessIds.parse(List.of("Name:\tjava", "Pid:\t4242")).isEmpty());
    }

    @Test
    void aProcessThatDoesNotExistHasNoDeadSocket() throws Exception {
        assertTrue(StaleAttachSocket.removeIfDead(Integer.MAX_VALUE).isEmpty());
    }
}
