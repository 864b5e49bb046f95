package dev.maverick.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the real programs some tests drive (prometheus, promtool, helm, kubectl, lua5.4). The
 * project's own {@code .tools/bin} (filled by scripts/install-test-tools.sh) wins over PATH. In CI
 * (CI=true) a missing tool fails the test loudly; on a developer machine the test is skipped with a
 * message saying how to install it.
 */
public final class ExternalTools {
  private ExternalTools() {}

  public static Path require(String name) {
    Optional<Path> found = find(name);
    String help = name + " is not installed: run `bash scripts/install-test-tools.sh`";
    if (found.isEmpty()) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new AssertionError(help);
      }
      assumeTrue(false, help);
    }
    return found.get();
  }

  /**
   * The npm packages scripts/install-test-tools.sh installs into {@code .tools/npm} (models
   * generated from other projects' real schemas); the same CI / developer rule as {@link #require}.
   */
  public static Path requireNpmPackages(String... packages) {
    Path root = Path.of(".tools", "npm").toAbsolutePath();
    for (String npmPackage : packages) {
      if (!Files.isDirectory(root.resolve("node_modules").resolve(npmPackage))) {
        String help = "npm package " + npmPackage + " is not installed: run `bash scripts/install-test-tools.sh`";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
          throw new AssertionError(help);
        }
        assumeTrue(false, help);
      }
    }
    return root;
  }

  public static Optional<Path> find(String name) {
    Path local = Path.of(".tools", "bin", name).toAbsolutePath();
    if (Files.isExecutable(local)) {
      return Optional.of(local);
    }
    String path = System.getenv().getOrDefault("PATH", "");
    return Stream.of(path.split(java.io.File.pathSeparator))
        .map(dir -> Path.of(dir, name))
        .filter(Files::isExecutable)
        .findFirst();
  }
}
