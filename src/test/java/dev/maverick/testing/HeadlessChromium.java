package dev.maverick.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Chromium, headless, one page per run: {@link #load} prints the DOM after load and saves
 * a screenshot (one browser start for both: starts are slow on small machines). Each run has a fresh profile and no background traffic. The
 * page's console messages (errors, CSP violations, failed loads) reach stderr through
 * {@code --enable-logging=stderr}, as lines with {@code :CONSOLE}; {@link Page#consoleMessages}
 * collects them.
 */
public final class HeadlessChromium {
  private static final long TIMEOUT_SECONDS = 120;
  private final Path executable;

  private HeadlessChromium(Path executable) {
    this.executable = executable;
  }

  /** Chromium from .tools/bin or PATH; fails in CI, skips elsewhere, when it is not installed. */
  public static HeadlessChromium require() {
    return new HeadlessChromium(ExternalTools.require("chromium"));
  }

  /** What one run printed. */
  public record Page(String stdout, String stderr) {
    public List<String> consoleMessages() {
      return stderr.lines().filter(line -> line.contains(":CONSOLE")).toList();
    }
  }

  /** Loads {@code url}, prints its DOM after load and saves a screenshot of the given window size. */
  public Page load(String url, Path screenshot, int width, int height) throws IOException, InterruptedException {
    Files.createDirectories(screenshot.toAbsolutePath().getParent());
    return run(List.of("--dump-dom", "--screenshot=" + screenshot.toAbsolutePath(),
        "--window-size=" + width + "," + height, "--hide-scrollbars", url));
  }

  private Page run(List<String> action) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory("chromium-profile");
    Path out = Files.createTempFile("chromium", ".out");
    Path err = Files.createTempFile("chromium", ".err");
    try {
      List<String> command = new ArrayList<>(List.of(executable.toString(), "--headless", "--no-sandbox",
          "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
          "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile, "--enable-logging=stderr",
          "--v=0"));
      command.addAll(action);
      Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("chromium did not finish within " + TIMEOUT_SECONDS + "s: " + command);
      }
      Page page = new Page(Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
      if (process.exitValue() != 0) {
        throw new AssertionError("chromium exited " + process.exitValue() + ": " + page.stderr());
      }
      return page;
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
      deleteTree(profile);
    }
  }

  /** Best effort: a helper process of Chromium's may still be writing to the profile as it exits. */
  private static void deleteTree(Path root) {
    try (var paths = Files.walk(root)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      root.toFile().deleteOnExit();
    }
  }
}
