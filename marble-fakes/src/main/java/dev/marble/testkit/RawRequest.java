package dev.marble.testkit;

import java.util.Map;

/**
 * One HTTP/1.1 request as read off the socket.
 *
 * @param target  the request target as sent, query string included
 * @param headers lower-case names; repeated headers joined with ", "
 */
record RawRequest(String method, String target, String version, Map<String, String> headers, byte[] body) {

    RawRequest withBody(byte[] newBody) {
        return new RawRequest(method, target, version, headers, newBody);
    }

    /** The target without its query string. */
    String path() {
        int query = target.indexOf('?');
        return query < 0 ? target : target.substring(0, query);
    }

    String header(String lowerCaseName) {
        return headers.get(lowerCaseName);
    }

    /** Whether the client asked to close the connection after this exchange (HTTP/1.0 closes by default). */
    boolean wantsClose() {
        boolean keepAlive = false;
        String connection = headers.get("connection");
        if (connection != null) {
            // A token list: the JDK client's h2c attempt sends "Upgrade, HTTP2-Settings", which is not a close.
            for (String token : connection.split(",")) {
                String t = token.trim();
                if (t.equalsIgnoreCase("close")) {
                    return true;
                }
                keepAlive |= t.equalsIgnoreCase("keep-alive");
            }
        }
        return version.equals("HTTP/1.0") && !keepAlive;
    }
}
