package dev.marble.config;

/**
 * Marble's version, written in by the build (templating-maven-plugin filters this file from
 * {@code src/main/java-templates}). A constant rather than a resource: reading a resource opens Marble's jar and its
 * directory of 9,000 entries, which {@code marble --version} otherwise never does.
 */
public final class Version {

    public static final String VERSION = "${project.version}";

    private Version() {}
}
