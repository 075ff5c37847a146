package dev.leakinspector.session;

import dev.leakinspector.protocol.AgentError;
import dev.leakinspector.protocol.Configure;
import dev.leakinspector.protocol.Detach;
import dev.leakinspector.protocol.HeapDumpReady;
import dev.leakinspector.protocol.HeapDumpRequest;
import dev.leakinspector.protocol.LeakSuspected;
import dev.leakinspector.protocol.Message;
import dev.leakinspector.protocol.ObjectDeallocated;
import dev.leakinspector.protocol.ObjectReused;
import dev.leakinspector.protocol.Stats;
import dev.leakinspector.protocol.Verdict;
import dev.leakinspector.protocol.VerdictChanged;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The one interpreter of the agent's messages: each event to its method, the rest of the protocol to none. */
class AgentEventsTest {
    /** Says which method got which message. */
    private static final class Calls implements AgentEvents {
        final List<String> calls = new ArrayList<>();

        @Override
        public void leakSuspected(LeakSuspected leak) {
            calls.add("leak " + leak.watchId());
        }

        @Override
        public void objectDeallocated(ObjectDeallocated deallocated) {
            calls.add("deallocated " + deallocated.watchId());
        }

        @Override
        public void objectReused(ObjectReused reused) {
            calls.add("reused " + reused.watchId());
        }

        @Override
        public void verdictChanged(VerdictChanged change) {
            calls.add("verdict " + change.watchId() + " " + change.verdict().wireName());
        }

        @Override
        public void stats(Stats stats) {
            calls.add("stats " + stats.liveWatches());
        }

        @Override
        public void agentError(AgentError error) {
            calls.add("error " + error.context());
        }
    }

    @Test
    void eachEventGoesToItsOwnMethod() {
        Calls events = new Calls();
        List<Message> messages = List.of(
                new LeakSuspected(1, "a.B", "node removed", List.of("Stage"), 0, 0, 0, true, Verdict.RETAINED, ""),
                new ObjectDeallocated(2, 10), new ObjectReused(3, 20), new VerdictChanged(1, Verdict.LEAK, "why"),
                new Stats(0, 0, 0, 4, 0, 0, 0), new AgentError("trigger", "failed"));
        messages.forEach(m -> AgentEvents.dispatch(m, events));
        assertEquals(List.of("leak 1", "deallocated 2", "reused 3", "verdict 1 leak", "stats 4", "error trigger"),
                events.calls);
    }

    @Test
    void whatIsNotAnEventOfTheSessionCallsNothing() {
        Calls events = new Calls();
        for (Message m : List.of(new Configure(1000, List.of(), List.of()), new Detach("bye"),
                new HeapDumpRequest(1, "/tmp/x.hprof"), new HeapDumpReady(1, "/tmp/x.hprof", 10, ""))) {
            AgentEvents.dispatch(m, events);
        }
        assertEquals(List.of(), events.calls);
        // and an implementation that overrides nothing ignores everything
        AgentEvents.dispatch(new AgentError("c", "m"), new AgentEvents() { });
    }
}
