package dev.marble.config;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Marble's version, as the build wrote it into {@code version.properties}. */
public final class Version {

    public static final String VERSION = read();

    private Version() {}

    private static String read() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in == null) return "dev";
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }
}
