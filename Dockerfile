# syntax=docker/dockerfile:1
# maverick-operator image: docker build -t maverick-operator:dev .

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# Dependencies first, so that source edits reuse the cached layer.
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY operator operator
# No .git in the build context: the version verb's commit comes from the REVISION build argument.
ARG REVISION=unknown
RUN mvn -B -DskipTests -DbuildNumber=${REVISION} package

FROM eclipse-temurin:17-jre
ARG VERSION=0.1.0
ARG REVISION=unknown
LABEL org.opencontainers.image.title="maverick-operator" \
      org.opencontainers.image.description="Kubernetes operator that runs embedding pipelines and protects them while they change" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.source="https://github.com/example-org/maverick-operator"
WORKDIR /app
# the runtime jar: the operator only, without the demo and its in-process API server
COPY --from=build /src/target/maverick-operator-runtime.jar /app/maverick-operator.jar
# A class-data archive of the classes the operator loads to start and converge pipelines: the JVM maps
# it instead of loading and verifying them one by one (a quarter less CPU to start, BENCHMARKS.md).
# Dumped here, by the JRE that runs it, for exactly this jar.
COPY operator/src/main/cds/maverick-operator.classlist /tmp/maverick-operator.classlist
RUN java -Xshare:dump -XX:SharedClassListFile=/tmp/maverick-operator.classlist \
      -XX:SharedArchiveFile=/app/maverick-operator.jsa -cp /app/maverick-operator.jar \
    && rm /tmp/maverick-operator.classlist
# Numeric non-root user (matches the Helm chart's runAsUser), so runAsNonRoot can verify it.
USER 65532:65532
EXPOSE 8080
# Heap sized to the container's memory limit; a common pool of 2 threads, or with 1-2 CPUs the Kubernetes
# client starts a thread per request; C1 only, which halves the CPU to converge; a heap that starts at a quarter
# of the limit (no full collection at each step while the informers' caches fill), then grows and shrinks close
# to the live data with a small young generation, for 256 MiB of RSS at 1,000 pipelines (BENCHMARKS.md); the
# class-data archive above. JAVA_TOOL_OPTIONS (the Helm chart sets it) adds to these.
ENV MALLOC_ARENA_MAX=2
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-XX:TieredStopAtLevel=1", "-XX:InitialRAMPercentage=25", "-XX:MaxNewSize=16m", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "-XX:-ShrinkHeapInSteps", "-Djava.util.concurrent.ForkJoinPool.common.parallelism=2", "-XX:SharedArchiveFile=/app/maverick-operator.jsa", "-jar", "/app/maverick-operator.jar"]
CMD ["run"]
