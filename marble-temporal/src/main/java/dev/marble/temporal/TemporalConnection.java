package dev.marble.temporal;

import dev.marble.Marble;
import dev.marble.api.DurableChains;
import dev.marble.api.DurableEngine;
import dev.marble.api.DurableRuns;
import dev.marble.api.EngineUnavailableException;
import dev.marble.api.WorkerRequest;
import dev.marble.error.UsageException;
import dev.marble.provider.resilience.RetryPolicy;
import dev.marble.temporal.agent.TemporalRuns;
import dev.marble.temporal.chain.TemporalChains;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.SimpleSslContextBuilder;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** A client of one Temporal server and namespace, as {@link TemporalSettings} describe it. */
public final class TemporalConnection implements DurableEngine.Connection {

    /** System property: seconds a poll for work waits at most (default: the SDK's 70). */
    static final String LONG_POLL_PROPERTY = "marble.temporal.long-poll-seconds";

    private final TemporalSettings settings;
    private final WorkflowServiceStubs service;
    private final WorkflowClient client;
    /** Marble's retry policy for model calls of the runs started here ({@link #runs()}). */
    private RetryPolicy retry = RetryPolicy.DEFAULT;

    private Marble marble;

    private TemporalConnection(TemporalSettings settings, WorkflowServiceStubs service) {
        this.settings = settings;
        this.service = service;
        this.client = WorkflowClient.newInstance(
                service,
                WorkflowClientOptions.newBuilder()
                        .setNamespace(settings.namespace())
                        .setIdentity(WorkerIdentity.current())
                        .build());
    }

    /**
     * Connects and checks the server answers within the connect timeout.
     *
     * @throws UnreachableServerException when it does not, naming the address
     */
    public static TemporalConnection open(TemporalSettings settings) {
        WorkflowServiceStubsOptions.Builder options =
                WorkflowServiceStubsOptions.newBuilder().setTarget(settings.address());
        TemporalTls tls = settings.tls();
        if (tls.enabled()) {
            options.setEnableHttps(true);
            if (tls.clientCert() != null || tls.serverCa() != null) options.setSslContext(sslContext(tls));
        }
        // Tests only: Temporal's test server keeps a killed worker's pending polls until their deadline and hands them
        // tasks, which are then lost; a short long-poll makes such polls expire within a second (see docs/temporal.md).
        Integer longPoll = Integer.getInteger(LONG_POLL_PROPERTY);
        if (longPoll != null) options.setRpcLongPollTimeout(java.time.Duration.ofSeconds(longPoll));
        if (tls.apiKey() != null) {
            String key = tls.apiKey();
            options.addApiKey(() -> key);
        }
        try {
            return new TemporalConnection(
                    settings,
                    WorkflowServiceStubs.newConnectedServiceStubs(
                            options.build(), settings.timeouts().connect()));
        } catch (StatusRuntimeException | IllegalStateException unreachable) {
            throw new UnreachableServerException(settings, unreachable);
        }
    }

    /** Model calls of runs started through this connection are retried as {@code policy} says (marble.json's). */
    public TemporalConnection retrying(RetryPolicy policy) {
        this.retry = policy;
        return this;
    }

    /** This connection for {@code marble}'s project: its configuration decides how chains run. */
    TemporalConnection in(Marble marble) {
        this.marble = marble;
        return this;
    }

    @Override
    public DurableChains chains() {
        return new TemporalChains(this, marble.config());
    }

    @Override
    public void serveWorker(WorkerRequest request) {
        MarbleWorker.serve(this, request);
    }

    public TemporalSettings settings() {
        return settings;
    }

    public WorkflowClient client() {
        return client;
    }

    public WorkflowServiceStubs service() {
        return service;
    }

    @Override
    public DurableRuns runs() {
        return new TemporalRuns(
                client,
                service,
                settings.taskQueue(),
                new TemporalRuns.Settings(settings.timeouts().heartbeat().toSeconds(), retry));
    }

    @Override
    public String describe() {
        return "temporal: " + settings.describe();
    }

    @Override
    public void close() {
        service.shutdown();
    }

    private static io.grpc.netty.shaded.io.netty.handler.ssl.SslContext sslContext(TemporalTls tls) {
        try {
            SimpleSslContextBuilder builder = tls.clientCert() == null
                    ? SimpleSslContextBuilder.noKeyOrCertChain()
                    : SimpleSslContextBuilder.forPKCS8(read(tls.clientCert()), read(tls.clientKey()));
            if (tls.serverCa() != null) builder.setTrustManager(trusting(tls.serverCa()));
            return builder.build();
        } catch (SSLException e) {
            throw new UsageException("the Temporal TLS files cannot be used: " + e.getMessage(), e);
        }
    }

    /** Trusts the certificates in {@code caFile} (PEM) and nothing else: a private CA's server, checked. */
    private static X509TrustManager trusting(Path caFile) {
        try (InputStream in = read(caFile)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (Certificate certificate :
                    CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + n++, certificate);
            }
            if (n == 0) throw new UsageException("the Temporal CA file " + caFile + " holds no certificate");
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) return x509;
            }
            throw new UsageException("no X.509 trust manager for " + caFile);
        } catch (IOException | GeneralSecurityException e) {
            throw new UsageException("cannot use the Temporal CA file " + caFile + ": " + e.getMessage(), e);
        }
    }

    private static InputStream read(Path file) {
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw new UsageException("cannot read the Temporal TLS file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The server did not answer: the message names the address and what was tried, never a credential. */
    public static final class UnreachableServerException extends EngineUnavailableException {
        UnreachableServerException(TemporalSettings settings, RuntimeException cause) {
            super(
                    "cannot reach the Temporal server at " + settings.describe() + ": "
                            + firstLine(cause.getMessage())
                            + " (start one with 'temporal server start-dev', or set --temporal-address / TEMPORAL_ADDRESS)",
                    cause);
        }

        private static String firstLine(String text) {
            return text == null ? "no answer" : text.lines().findFirst().orElse("no answer");
        }
    }
}
