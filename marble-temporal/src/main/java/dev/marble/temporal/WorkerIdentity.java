package dev.marble.temporal;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Who a client or worker is in Temporal's history and in {@code marble worker --status}: pid@host. */
final class WorkerIdentity {

    private WorkerIdentity() {}

    static String current() {
        return ProcessHandle.current().pid() + "@" + host();
    }

    static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            String name = ManagementFactory.getRuntimeMXBean().getName();
            return name.substring(name.indexOf('@') + 1);
        }
    }
}
