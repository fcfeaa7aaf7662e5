package dev.marble.process;

import dev.marble.config.Environment;
import java.nio.file.Path;
import java.util.List;

/**
 * A Marble process in miniature, for {@link DieWithMarbleSecurityTest}: launches a command through the launcher
 * (in bubblewrap when the first argument is "bwrap"), says so, and waits to be killed; or, with a fourth
 * argument "exit", waits for a line on standard input and then exits normally, leaving the command running.
 * Arguments: {@code off|bwrap WORKSPACE COMMAND [exit]}.
 */
public final class LaunchAndHoldMain {

    public static void main(String[] args) throws Exception {
        Path workspace = Path.of(args[1]);
        Environment environment = Environment.system().withWorkingDirectory(workspace);
        Sandbox sandbox = args[0].equals("bwrap")
                ? new Sandbox.Bwrap(environment.findExecutable("bwrap").orElseThrow(), NetworkAccess.NONE, List.of())
                : new Sandbox.None("the test asked for none");
        LaunchedCommand command = CommandLauncher.shared()
                .start(new Launch(List.of("/bin/sh", "-c", args[2]), workspace, environment, sandbox));
        System.out.println("launched " + command.process().pid());
        System.out.flush();
        if (args.length > 3 && args[3].equals("exit")) {
            System.in.read();
            System.exit(0);
        }
        Thread.sleep(Long.MAX_VALUE);
    }
}
