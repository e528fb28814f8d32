package io.hypertrader.cli;

import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Prints the build version (from the filtered hypertrader-version.properties) and the JVM. */
public final class VersionProvider implements CommandLine.IVersionProvider {

    /** The project version, e.g. "0.1.0-SNAPSHOT", or "dev" when run from unfiltered classes. */
    public static String version() {
        try (InputStream in = VersionProvider.class.getResourceAsStream("/hypertrader-version.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "dev");
            return v.contains("${") ? "dev" : v;
        } catch (IOException e) {
            return "dev";
        }
    }

    @Override
    public String[] getVersion() {
        return new String[]{
                "hypertrader " + version(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
    }
}
