package dev.marble.testkit;

/**
 * Ways a fake model server can misbehave on purpose, so that tests reach the error paths a real,
 * flaky provider would reach. Every fault answers with the echo reply where it sends content.
 */
public enum FaultKind {
    /** Reads the request, then closes the socket with SO_LINGER 0 (a TCP RST); no byte is sent. */
    RESET_BEFORE_RESPONSE,
    /** 200 text/event-stream, chunked, the first events, then the socket closes without the final 0-chunk. */
    TRUNCATED_STREAM,
    /** 200 text/event-stream, the first events, then a clean end of the chunked body but no end event. */
    INCOMPLETE_STREAM,
    /** 200 application/json with a body that is not JSON. */
    INVALID_JSON,
    /** 200 application/json with content-length 0. */
    EMPTY_BODY,
    /** Sleeps the fault's delay before sending anything, then answers the echo reply normally. */
    SLOW_HEADERS,
    /** Sends the headers and the first SSE event (or half the JSON body), sleeps the delay, then finishes. */
    SLOW_BODY
}
