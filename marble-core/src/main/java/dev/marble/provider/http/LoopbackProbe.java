package dev.marble.provider.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;

/** Whether something listens at a URL's host and port: a cheap check for local model servers. */
public final class LoopbackProbe {

    private LoopbackProbe() {}

    public static boolean listening(String url, int timeoutMillis) {
        try {
            URI uri = URI.create(url);
            int port = uri.getPort() > 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(uri.getHost(), port), timeoutMillis);
                return true;
            }
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    public static boolean isLoopback(String url) {
        try {
            String host = URI.create(url).getHost();
            return host != null
                    && (host.equals("localhost")
                            || host.equals("::1")
                            || host.equals("[::1]")
                            || host.startsWith("127."));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
