package dev.leakinspector.attach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LocalJvmsTest {

    private static final long OWN_PID = ProcessHandle.current().pid();

    @Test
    void listsThisJvmWithItsVersionWithoutAttaching() {
        List<LocalJvm> jvms = LocalJvms.list();

        LocalJvm self = jvms.stream().filter(jvm -> jvm.pid() == OWN_PID).findFirst()
                .orElseThrow(() -> new AssertionError("own pid " + OWN_PID + " missing from " + jvms));
        assertEquals(System.getProperty("java.version"), self.javaVersion());
        assertTrue(self.javaVersion().startsWith(Runtime.version().feature() + "."), self.javaVersion());
        assertFalse(self.displayName().isBlank());
        assertTrue(self.isCurrentProcess());
        assertTrue(self.attachable(), "surefire runs us with -Djdk.attach.allowAttachSelf=true");
    }

    @Test
    void listIsSortedByPid() {
        List<LocalJvm> jvms = LocalJvms.list();
        for (int i = 1; i < jvms.size(); i++) {
            assertTrue(jvms.get(i - 1).pid() < jvms.get(i).pid(), jvms.toString());
        }
    }

    @Test
    void findsThisJvmAndNotAnExitedProcess() throws Exception {
        assertEquals(OWN_PID, LocalJvms.find(OWN_PID).orElseThrow().pid());

        Process exited = new ProcessBuilder("true").start();
        exited.waitFor();
        assertTrue(LocalJvms.find(exited.pid()).isEmpty());
    }

    @Test
    void displayNameIsTheMainClassOrJarAndNeverBlank() {
        assertEquals("com.acme.Main", LocalJvms.displayName("com.acme.Main --port 8080", 7));
        assertEquals("shop.jar", LocalJvms.displayName("/opt/shop/shop.jar -v", 7));
        assertEquals("pid 7", LocalJvms.displayName("", 7));
        assertEquals("pid 7", LocalJvms.displayName("   ", 7));
        assertEquals("pid 7", LocalJvms.displayName(null, 7));
    }

    @Test
    void theArgumentsAreWhatFollowsTheMainClassOrJar() {
        assertEquals("--port 8080", LocalJvms.arguments("com.acme.Main   --port 8080 "));
        assertEquals("demo --script 1,4", LocalJvms.arguments("target/leak-inspector.jar demo --script 1,4"));
        assertEquals("", LocalJvms.arguments("com.acme.Main"));
        assertEquals("", LocalJvms.arguments(null));
        assertEquals("shop.jar -v", new LocalJvm(7, "shop.jar", "17", true, "", "-v").nameWithArguments());
    }
}
