package dev.maverick.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every example directory holding an EmbeddingPipeline renders with {@code render}, its policy included. */
class ExamplesRenderTest {

  @TestFactory
  Stream<DynamicTest> everyExampleRenders() throws IOException {
    List<Path> directories;
    try (Stream<Path> walk = Files.walk(Path.of("examples"))) {
      directories = walk.filter(Files::isDirectory).filter(ExamplesRenderTest::holdsAPipeline).sorted().toList();
    }
    assertThat(directories).extracting(Path::toString).contains("examples/minimal", "examples/paperless-maverick");
    return directories.stream().map(dir -> DynamicTest.dynamicTest(dir.toString(), () -> {
      List<String> args = new ArrayList<>(List.of("render"));
      try (Stream<Path> files = Files.list(dir)) {
        files.filter(f -> f.toString().endsWith(".yaml")).sorted().forEach(f -> args.addAll(List.of("-f", f.toString())));
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
          new PrintStream(err, true, StandardCharsets.UTF_8));
      assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
      assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("not among the files");
      assertThat(out.toString(StandardCharsets.UTF_8)).contains("kind: \"Deployment\"", "kind: \"ConfigMap\"");
    }));
  }

  private static boolean holdsAPipeline(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".yaml")).anyMatch(f -> {
        try {
          return Files.readString(f).lines().anyMatch("kind: EmbeddingPipeline"::equals);
        } catch (IOException e) {
          return false;
        }
      });
    } catch (IOException e) {
      return false;
    }
  }
}
