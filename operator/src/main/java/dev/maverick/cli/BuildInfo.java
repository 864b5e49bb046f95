package dev.maverick.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * What the build recorded about itself (build-info.properties, filtered by Maven): the project
 * version and the git commit. A value Maven could not fill in (built outside a git checkout) is
 * "unknown".
 */
record BuildInfo(String version, String commit) {
  private static final String UNKNOWN = "unknown";

  static BuildInfo current() {
    Properties properties = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream("build-info.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return of(properties);
  }

  static BuildInfo of(Properties properties) {
    return new BuildInfo(known(properties.getProperty("version")), known(properties.getProperty("commit")));
  }

  private static String known(String value) {
    return value == null || value.isBlank() || value.startsWith("${") ? UNKNOWN : value.trim();
  }
}
