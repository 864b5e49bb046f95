package dev.maverick.cli;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.maverick.api.EmbeddingPipeline;
import dev.maverick.api.Groups;
import dev.maverick.api.RolloutPolicy;
import dev.maverick.egress.UrlAllowList;
import dev.maverick.integrations.ApiDiscovery;
import dev.maverick.pipeline.PipelineChildren;
import dev.maverick.pipeline.PipelineModel;
import dev.maverick.pipeline.PipelineValidator;
import dev.maverick.policy.PolicyValidator;
import dev.maverick.rollout.RolloutStep;
import dev.maverick.rollout.Readings;
import dev.maverick.rollout.RolloutEngine;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code render -f FILE...}: prints, offline, the children the operator would create for the
 * EmbeddingPipelines in the files, using the reconciler's own desired-state code.
 */
final class Render {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  /** A fresh pipeline at the start of its rollout: the first stage, no overrides. */
  private static final RolloutEngine ENGINE = new RolloutEngine(Clock.systemUTC(), PipelineModel::flagsHash);
  private static final String API_VERSION = Groups.GROUP + "/" + Groups.VERSION;

  static final String PREFIX = "maverick-operator render: ";

  private Render() {}

  @picocli.CommandLine.Command(name = "render",
      description = "Print, offline, the child manifests the operator would create for EmbeddingPipeline YAML.")
  static final class Command implements java.util.concurrent.Callable<Integer> {
    private final PrintStream out;
    private final PrintStream err;
    @picocli.CommandLine.Option(names = {"-f", "--filename"}, required = true, paramLabel = "FILE",
        description = "EmbeddingPipeline and RolloutPolicy YAML (repeatable)")
    List<Path> files;

    Command(PrintStream out, PrintStream err) {
      this.out = out;
      this.err = err;
    }

    @Override
    public Integer call() {
      return run(files, out, err);
    }
  }

  static int run(List<Path> files, PrintStream out, PrintStream err) {
    List<EmbeddingPipeline> pipelines = new ArrayList<>();
    List<RolloutPolicy> policies = new ArrayList<>();
    for (Path file : files) {
      try {
        read(file, pipelines, policies);
      } catch (NoSuchFileException e) {
        err.println(PREFIX + "cannot read " + file + ": no such file");
        return 1;
      } catch (AccessDeniedException e) {
        err.println(PREFIX + "cannot read " + file + ": permission denied");
        return 1;
      } catch (InvalidResource e) {
        err.println(PREFIX + file + ": " + e.getMessage());
        return 1;
      } catch (IOException | RuntimeException e) {
        err.println(PREFIX + "cannot read " + file + ": " + e.getMessage());
        return 1;
      }
    }
    if (pipelines.isEmpty()) {
      err.println(PREFIX + "no EmbeddingPipeline (apiVersion maverick.dev/v1alpha1) in " + files);
      return 1;
    }
    int status = 0;
    List<String> documents = new ArrayList<>();
    for (EmbeddingPipeline pipeline : pipelines) {
      if (pipeline.getMetadata().getNamespace() == null) {
        pipeline.getMetadata().setNamespace("default");
      }
      List<String> problems = PipelineValidator.validate(pipeline);
      if (!problems.isEmpty()) {
        err.println(PREFIX + "EmbeddingPipeline " + pipeline.getMetadata().getName() + " is invalid:");
        problems.forEach(p -> err.println("  - " + p));
        status = 1;
        continue;
      }
      RolloutPolicy policy;
      try {
        policy = policyFor(pipeline, policies, err);
      } catch (IllegalArgumentException invalid) {
        err.println(PREFIX + "" + invalid.getMessage());
        status = 1;
        continue;
      }
      RolloutStep step = ENGINE.step(pipeline, policy, Readings.none(), false);
      for (HasMetadata child : PipelineChildren.desired(PipelineModel.of(pipeline, step.effective(),
          policy == null ? null : policy.getSpec(), ApiDiscovery.all()).withBlueGreen(step.status().blueGreen()))) {
        documents.add(SERIALIZATION.asYaml(child).replaceFirst("^---\\n", ""));
      }
    }
    documents.forEach(doc -> out.print("---\n" + doc));
    return status;
  }

  /** The referenced policy among the given files; without it the spec's flags are rendered. */
  private static RolloutPolicy policyFor(EmbeddingPipeline pipeline, List<RolloutPolicy> policies, PrintStream err) {
    var ref = pipeline.getSpec().rolloutPolicyRef();
    if (ref == null) {
      return null;
    }
    var found = policies.stream()
        .filter(p -> ref.name().equals(p.getMetadata().getName()))
        .filter(p -> p.getMetadata().getNamespace() == null
            || p.getMetadata().getNamespace().equals(pipeline.getMetadata().getNamespace()))
        .findFirst();
    if (found.isEmpty()) {
      err.println(PREFIX + "note: RolloutPolicy '" + ref.name() + "' is not among the files; rendering "
          + pipeline.getMetadata().getName() + " with its spec's flags, as if it had no stages");
      return null;
    }
    List<String> problems = new ArrayList<>(PolicyValidator.validate(found.get(), UrlAllowList.ANY));
    if (problems.isEmpty()) {
      problems.addAll(PolicyValidator.validateAgainst(found.get().getSpec(), pipeline.getSpec()));
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("RolloutPolicy " + ref.name() + " is invalid: " + String.join("; ", problems));
    }
    return found.get();
  }

  private static void read(Path file, List<EmbeddingPipeline> pipelines, List<RolloutPolicy> policies)
      throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      Object parsed = SERIALIZATION.unmarshal(in);
      List<?> items = parsed instanceof List<?> list ? list : List.of(parsed);
      for (Object item : items) {
        if (!(item instanceof HasMetadata resource) || !API_VERSION.equals(resource.getApiVersion())) {
          continue;
        }
        switch (resource.getKind()) {
          case "EmbeddingPipeline" -> pipelines.add(convert(resource, EmbeddingPipeline.class));
          case "RolloutPolicy" -> policies.add(convert(resource, RolloutPolicy.class));
          default -> { }
        }
      }
    }
  }

  /** The typed resource; a value of the wrong type is named by its field path, not by Java types. */
  private static <T> T convert(HasMetadata resource, Class<T> type) {
    try {
      return SERIALIZATION.convertValue(resource, type);
    } catch (IllegalArgumentException e) {
      if (e.getCause() instanceof JsonMappingException mapping) {
        String field = FieldTypeError.describe(mapping, SERIALIZATION.convertValue(resource, JsonNode.class));
        if (field != null) {
          throw new InvalidResource(resource.getKind() + " " + resource.getMetadata().getName() + ": " + field);
        }
      }
      throw e;
    }
  }

  private static final class InvalidResource extends RuntimeException {
    InvalidResource(String message) {
      super(message);
    }
  }
}
