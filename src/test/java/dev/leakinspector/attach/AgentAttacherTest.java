package dev.leakinspector.attach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class AgentAttacherTest {

    @Test
    void featureVersionReadsOldAndNewSpecificationVersions() {
        assertEquals(8, AgentAttacher.featureVersion("1.8"));
        assertEquals(11, AgentAttacher.featureVersion("11"));
        assertEquals(17, AgentAttacher.featureVersion("17"));
        assertEquals(25, AgentAttacher.featureVersion("25"));
        assertEquals(-1, AgentAttacher.featureVersion(""));
        assertEquals(-1, AgentAttacher.featureVersion(null));
    }

    @Test
    void failureMessagesStayOnOneLine() {
        AttachFailure failure = new AttachFailure(AttachFailure.Reason.IO_ERROR, 4242,
                "process 4242: could not connect (first\n   second\r\nthird); try again");
        assertEquals("process 4242: could not connect (first second third); try again", failure.getMessage());
        assertEquals(4242, failure.pid());
        assertEquals(AttachFailure.Reason.IO_ERROR, failure.reason());
    }

    @Test
    void missingAgentJarIsReportedBeforeAttaching() {
        long self = ProcessHandle.current().pid();
        AttachFailure failure = assertThrows(AttachFailure.class,
                () -> new AgentAttacher().attach(self, Path.of("/nonexistent/agent.jar"), ""));
        assertEquals(AttachFailure.Reason.IO_ERROR, failure.reason());
        assertEquals("agent jar /nonexistent/agent.jar does not exist; build with ./mvnw package", failure.getMessage());
    }

    @Test
    void ourVersionIsFilledInByTheBuild() {
        assertFalse(Versions.ours().contains("${"));
        assertFalse(Versions.ours().isBlank());
    }
}
