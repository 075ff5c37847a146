/**
 * The agent link: message types, their wire encoding, framing and the handshake. The one package both the
 * agent (inside the target JVM) and our process use; JDK only, no dependencies.
 *
 * <h2>Framing</h2>
 * A TCP stream of frames. Each frame is a 4-byte big-endian signed payload length {@code n}, with
 * {@code 1 <= n <= }{@link dev.leakinspector.protocol.Protocol#MAX_FRAME_BYTES}, then {@code n} payload bytes.
 * A reader checks the length before allocating anything; a length out of range is a protocol error.
 *
 * <h2>Payload</h2>
 * One type-tag byte, then the fields of that type in declaration order of its record, and nothing after them
 * (trailing bytes are an error). Field encodings, all big-endian:
 * <ul>
 *   <li>{@code int}: 4 bytes; {@code long}: 8 bytes; {@code boolean}: 1 byte, exactly 0 or 1.</li>
 *   <li>string: {@code int} byte count {@code 0..}{@link dev.leakinspector.protocol.Protocol#MAX_STRING_BYTES},
 *       then that many bytes of well-formed UTF-8 (no BOM, no terminator). Unpaired surrogates are sent as
 *       {@code ?}.</li>
 *   <li>list of strings: {@code int} count {@code 0..}{@link dev.leakinspector.protocol.Protocol#MAX_LIST_SIZE},
 *       then that many strings.</li>
 *   <li>{@link dev.leakinspector.protocol.AuthToken}: its 16 raw bytes.</li>
 *   <li>{@link dev.leakinspector.protocol.Verdict}: 1 byte, its ordinal (constants are only appended).</li>
 * </ul>
 *
 * <table>
 *   <caption>Type tags</caption>
 *   <tr><th>Tag</th><th>Type</th><th>Direction</th></tr>
 *   <tr><td>1</td><td>{@link dev.leakinspector.protocol.Hello}</td><td>agent to app, first frame</td></tr>
 *   <tr><td>2</td><td>{@link dev.leakinspector.protocol.Stats}</td><td>agent to app</td></tr>
 *   <tr><td>3</td><td>{@link dev.leakinspector.protocol.LeakSuspected}</td><td>agent to app</td></tr>
 *   <tr><td>4</td><td>{@link dev.leakinspector.protocol.ObjectDeallocated}</td><td>agent to app</td></tr>
 *   <tr><td>5</td><td>{@link dev.leakinspector.protocol.AgentError}</td><td>agent to app</td></tr>
 *   <tr><td>6</td><td>{@link dev.leakinspector.protocol.Configure}</td><td>app to agent</td></tr>
 *   <tr><td>7</td><td>{@link dev.leakinspector.protocol.Detach}</td><td>either way, last frame</td></tr>
 *   <tr><td>8</td><td>{@link dev.leakinspector.protocol.HeapDumpRequest}</td><td>app to agent</td></tr>
 *   <tr><td>9</td><td>{@link dev.leakinspector.protocol.HeapDumpReady}</td><td>agent to app</td></tr>
 *   <tr><td>10</td><td>{@link dev.leakinspector.protocol.ObjectReused}</td><td>agent to app</td></tr>
 *   <tr><td>11</td><td>{@link dev.leakinspector.protocol.VerdictChanged}</td><td>agent to app</td></tr>
 * </table>
 * A tag is never reused for another type.
 *
 * <h2>Versioning</h2>
 * {@code Hello} is tag 1 and its first field is the {@code int} protocol version, in every version of this
 * protocol, so a peer can always read the version even when it cannot read the rest. Both sides speak exactly
 * {@link dev.leakinspector.protocol.Protocol#VERSION}; any other version is refused during the handshake
 * ({@link dev.leakinspector.protocol.UnsupportedVersionException}).
 *
 * <h2>Handshake</h2>
 * <ol>
 *   <li>Our process opens a {@link dev.leakinspector.protocol.LinkServer} (127.0.0.1, ephemeral port, fresh
 *       token) and loads the agent with {@code host}, {@code port} and {@code token} in its
 *       {@link dev.leakinspector.protocol.AgentOptions}. The target opens no port.</li>
 *   <li>The agent connects and sends {@code Hello} with the token.</li>
 *   <li>Our process answers {@code Configure} (accepted; also the agent's settings), or, for a first frame that
 *       is not a {@code Hello}, a wrong version or a wrong token, {@code Detach(reason)} and closes. Any local
 *       client can connect, so each connection's hello is read on its own thread within one short total deadline,
 *       and only a bounded number wait at once: no other client can delay or end the agent's handshake.</li>
 *   <li>Then the agent streams {@code Stats}, {@code LeakSuspected}, {@code ObjectDeallocated},
 *       {@code ObjectReused}, {@code VerdictChanged} and {@code AgentError}; our process may send {@code Configure} again or {@code Detach}. Whichever side
 *       leaves sends {@code Detach} first when it can.</li>
 * </ol>
 *
 * <h2>Watch rules</h2>
 * {@code Configure} carries watch rules as text; {@link dev.leakinspector.protocol.WatchRule} is their one parser,
 * shared by the agent (which installs them) and our process (which validates a rule as the user types it).
 */
package dev.leakinspector.protocol;
