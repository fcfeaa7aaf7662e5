package dev.marble.temporal;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Temporal's own test server (io.temporal:temporal-testing) as a standalone gRPC server on 127.0.0.1 only, in a
 * JVM of its own: the stand-in for a Temporal server, which cannot be downloaded here. {@code TestServer.main}
 * would listen on every interface; this binds the same services to loopback. Prints {@code LISTENING host:port}
 * once it accepts connections, and exits when its standard input closes (its parent test died or is done), so it
 * never outlives the test that started it.
 *
 * <p>Time runs as a clock's does (time skipping locked), as on a real server: heartbeat timeouts take their time.
 */
public final class LoopbackTemporalServer {

    private LoopbackTemporalServer() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        TestServicesStarter services = new TestServicesStarter(true, 0);
        NettyServerBuilder builder =
                NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
        Server server = builder.build().start();
        InetSocketAddress bound = (InetSocketAddress) server.getListenSockets().getFirst();
        System.out.println("LISTENING " + bound.getAddress().getHostAddress() + ":" + bound.getPort());
        System.out.flush();
        while (System.in.read() != -1) {
            // nothing is read from the parent: its end of the pipe closing is the signal to stop
        }
        server.shutdownNow();
        services.close();
        System.exit(0);
    }
}
