package dev.marble.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The util-linux programs containment uses, at their fixed places (not looked up on the user's PATH, which a
 * project could shadow with a program of its own).
 */
final class Tools {

    private static final Optional<Path> SETSID = find("setsid");
    private static final Optional<Path> SETPRIV = find("setpriv");

    private Tools() {}

    /** {@code setsid}: runs a program as the leader of a new session (and process group). */
    static Optional<Path> setsid() {
        return SETSID;
    }

    /** {@code setpriv}: here for {@code --pdeathsig}, a signal the program gets when its parent dies. */
    static Optional<Path> setpriv() {
        return SETPRIV;
    }

    private static Optional<Path> find(String name) {
        return Stream.of("/usr/bin/", "/bin/", "/usr/sbin/", "/sbin/")
                .map(dir -> Path.of(dir + name))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
