package dev.maverick.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Docker cannot run here: checks the Dockerfile's instructions as text. */
class DockerfileTest {
  static List<String> instructions;

  @BeforeAll
  static void read() throws IOException {
    instructions = Files.readString(Path.of("Dockerfile")).replace("\\\n", " ").lines()
        .map(line -> line.strip().replaceAll("\\s+", " ")).filter(line -> !line.isEmpty() && !line.startsWith("#"))
        .toList();
  }

  @Test
  void buildsWithMavenAndRunsOnAJre() {
    assertThat(instructions).filteredOn(line -> line.startsWith("FROM ")).containsExactly(
        "FROM maven:3.9-eclipse-temurin-17 AS build", "FROM eclipse-temurin:17-jre");
    // the build context has no .git, so the version verb's commit is the REVISION build argument
    assertThat(instructions).contains("RUN mvn -B -DskipTests -DbuildNumber=${REVISION} package",
        "COPY --from=build /src/target/maverick-operator-runtime.jar /app/maverick-operator.jar");
  }

  @Test
  void runsAsANumericNonRootUserWithAnExecFormEntrypoint() {
    List<String> users = instructions.stream().filter(line -> line.startsWith("USER ")).toList();
    assertThat(users).singleElement().satisfies(user -> assertThat(user).matches("USER [1-9][0-9]*(:[1-9][0-9]*)?"));
    assertThat(instructions).filteredOn(line -> line.startsWith("ENTRYPOINT ")).singleElement()
        .satisfies(entrypoint -> assertThat(entrypoint)
            .startsWith("ENTRYPOINT [\"java\", \"-XX:MaxRAMPercentage=75\"")
            .endsWith("\"-jar\", \"/app/maverick-operator.jar\"]"));
    assertThat(instructions).filteredOn(line -> line.startsWith("LABEL "))
        .anySatisfy(label -> assertThat(label).contains("org.opencontainers.image.title=", "org.opencontainers.image.source="));
  }

  @Test
  void startsFromAClassDataArchiveDumpedForItsJar() {
    // the benchmark and RuntimeJarIT dump and map it the same way (OperatorProcess.classDataArchive)
    assertThat(instructions).contains(
        "COPY operator/src/main/cds/maverick-operator.classlist /tmp/maverick-operator.classlist",
        "RUN java -Xshare:dump -XX:SharedClassListFile=/tmp/maverick-operator.classlist "
            + "-XX:SharedArchiveFile=/app/maverick-operator.jsa -cp /app/maverick-operator.jar "
            + "&& rm /tmp/maverick-operator.classlist");
    assertThat(instructions).filteredOn(line -> line.startsWith("ENTRYPOINT ")).singleElement()
        .satisfies(entrypoint -> assertThat(entrypoint)
            .contains("\"-XX:SharedArchiveFile=/app/maverick-operator.jsa\", \"-jar\", \"/app/maverick-operator.jar\""));
  }

  @Test
  void dockerignoreSendsOnlyWhatTheBuildNeeds() throws IOException {
    assertThat(Files.readAllLines(Path.of(".dockerignore"))).contains("*", "!pom.xml", "!operator/");
  }
}
