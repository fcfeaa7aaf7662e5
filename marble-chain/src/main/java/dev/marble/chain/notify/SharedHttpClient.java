package dev.marble.chain.notify;

import java.net.http.HttpClient;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The one HTTP client a chain's notifiers share, built only when a channel asks for it: starting one costs about
 * 100 ms, which most chains (no notifications on) need not pay. {@link Notifications} shuts it down when it closes.
 */
final class SharedHttpClient implements Supplier<HttpClient> {

    private HttpClient built;

    @Override
    public synchronized HttpClient get() {
        if (built == null) {
            built = HttpClient.newBuilder()
                    .executor(Executors.newVirtualThreadPerTaskExecutor())
                    .connectTimeout(TelegramNotifier.TIMEOUT)
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .build();
        }
        return built;
    }

    /** The client if a channel asked for one, else null. */
    synchronized HttpClient builtOrNull() {
        return built;
    }
}
