package dev.maverick.crd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** crds/ holds exactly what this build generates into target/crds/ (from the api classes). */
class CrdsUpToDateTest {
  private static final String FIX = "crds/ is out of date with the api classes: run `"
      + CrdFinisher.UPDATE_COMMAND + "` and commit crds/";

  @Test
  void committedCrdsMatchTheBuild() throws IOException {
    List<String> built = fileNames(Crds.BUILT);
    assertThat(built).as("target/crds/ (written in process-classes)").isNotEmpty();
    assertThat(fileNames(Crds.COMMITTED)).as(FIX).isEqualTo(built);
    for (String name : built) {
      List<String> committed = Files.readAllLines(Crds.COMMITTED.resolve(name));
      List<String> current = Files.readAllLines(Crds.BUILT.resolve(name));
      assertThat(firstDifference(committed, current)).as(FIX + " (" + name + " differs)").isEmpty();
    }
  }

  /** Where two files first differ, briefly, instead of both files in full. */
  private static Optional<String> firstDifference(List<String> committed, List<String> current) {
    for (int i = 0; i < Math.max(committed.size(), current.size()); i++) {
      String was = i < committed.size() ? committed.get(i) : "<end of file>";
      String is = i < current.size() ? current.get(i) : "<end of file>";
      if (!was.equals(is)) {
        return Optional.of("line " + (i + 1) + ": committed '" + was.strip() + "', built '" + is.strip() + "'");
      }
    }
    return Optional.empty();
  }

  private static List<String> fileNames(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(file -> file.getFileName().toString()).sorted().toList();
    }
  }
}
