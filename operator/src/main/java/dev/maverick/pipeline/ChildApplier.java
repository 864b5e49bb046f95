package dev.maverick.pipeline;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.filter.FilteringGeneratorDelegate;
import com.fasterxml.jackson.core.filter.TokenFilter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.maverick.api.EmbeddingPipeline;
import dev.maverick.fingerprint.ShortHash;
import dev.maverick.api.Groups;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Brings a pipeline's children of one kind to their desired state, writing only what differs.
 *
 * <p>A child is rewritten when a person or tool changed a field the operator sets (the live
 * object no longer contains the desired one) or when the desired state itself changed (the
 * {@value #DESIRED_HASH} annotation differs, which also catches removed fields). An update
 * replaces the operator's part and keeps labels, annotations and owners others added, plus what
 * {@link ChildKind#preserve} keeps (e.g. an HPA's replica count). Children of the kind the
 * pipeline no longer wants (an HPA while autoscaling is off) are deleted.
 */
public final class ChildApplier {
  public static final String DESIRED_HASH = Groups.GROUP + "/desired-hash";
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization(MAPPER, true);
  /** A child's JSON but its metadata. */
  private static final TokenFilter WITHOUT_METADATA = new TokenFilter() {
    @Override
    public TokenFilter includeProperty(String name) {
      return "metadata".equals(name) ? null : TokenFilter.INCLUDE_ALL;
    }
  };

  private final KubernetesClient client;

  public ChildApplier(KubernetesClient client) {
    this.client = client;
  }

  /** What one apply did; {@code live} are the children of the kind as they now are. */
  public record Result<R>(List<R> live, int created, int updated, int deleted) {}

  public <R extends HasMetadata> Result<R> apply(ChildKind<R> kind, PipelineModel model,
      Context<EmbeddingPipeline> context) {
    Map<String, R> live = context.getSecondaryResourcesAsStream(kind.type())
        .collect(Collectors.toMap(r -> r.getMetadata().getName(), Function.identity(), (a, b) -> a, HashMap::new));
    InformerEventSource<R, EmbeddingPipeline> cache = informer(context, kind.type());
    List<R> result = new ArrayList<>();
    int created = 0;
    int updated = 0;
    for (R desired : kind.desired(model)) {
      stampDesiredHash(desired);
      R current = live.remove(desired.getMetadata().getName());
      if (current == null) {
        try {
          R written = client.resource(desired).create();
          cache.handleRecentResourceCreate(ResourceID.fromResource(written), written);
          result.add(written);
          created++;
          continue;
        } catch (KubernetesClientException e) {
          if (e.getCode() != 409) {
            throw e;
          }
          current = adopt(desired, model);
        }
      }
      R replacement = replacement(current, desired);
      kind.preserve(model, current, replacement);
      if (upToDate(current, replacement, kind.exactFields())) {
        result.add(current);
      } else {
        updated++;
        R written = client.resource(replacement).update();
        cache.handleRecentResourceUpdate(ResourceID.fromResource(written), written, current);
        result.add(written);
      }
    }
    live.values().forEach(unwanted -> client.resource(unwanted).delete());
    return new Result<>(result, created, updated, live.size());
  }

  /**
   * A child missing from the cache may still exist (the informer lags, or someone removed our
   * label): take it over when it is ours, refuse when it belongs to someone else.
   */
  private <R extends HasMetadata> R adopt(R desired, PipelineModel model) {
    R existing = client.resource(desired).get();
    if (existing == null) {
      throw new KubernetesClientException(desired.getKind() + " " + desired.getMetadata().getName()
          + " was deleted while being created; retrying");
    }
    boolean ours = model.owner().map(owner -> existing.getMetadata().getOwnerReferences().stream()
        .anyMatch(ref -> owner.getUid().equals(ref.getUid()))).orElse(false);
    if (!ours) {
      throw new ChildConflictException(existing.getKind() + " " + existing.getMetadata().getName()
          + " already exists and is not owned by this pipeline; delete or rename it");
    }
    return existing;
  }

  @SuppressWarnings("unchecked")
  private static <R extends HasMetadata> InformerEventSource<R, EmbeddingPipeline> informer(
      Context<EmbeddingPipeline> context, Class<R> type) {
    return (InformerEventSource<R, EmbeddingPipeline>) context.eventSourceRetriever().getEventSourceFor(type);
  }

  private static void stampDesiredHash(HasMetadata desired) {
    SortedMap<String, String> annotations = new TreeMap<>();
    if (desired.getMetadata().getAnnotations() != null) {
      annotations.putAll(desired.getMetadata().getAnnotations());
    }
    String hash = desiredHash(desired, annotations);
    annotations.put(DESIRED_HASH, hash);
    desired.getMetadata().setAnnotations(annotations);
  }

  /**
   * The hash of a desired child: its JSON without the metadata, then the annotations the operator sets
   * (KEDA's pause, an Ingress's: dropping one is a change) and the shard label (it decides which
   * instance watches the child: moving the pipeline is a change) as two more fields. Written in one
   * pass, without building a JSON tree (9% of the samples of creating 1,000 pipelines), and the same
   * text as the tree's, so children hashed by earlier versions are not rewritten.
   */
  static String desiredHash(HasMetadata desired, SortedMap<String, String> annotations) {
    try {
      StringWriter json = new StringWriter(4096);
      try (JsonGenerator generator = new FilteringGeneratorDelegate(MAPPER.createGenerator(json), WITHOUT_METADATA,
          TokenFilter.Inclusion.INCLUDE_ALL_AND_PATH, true)) {
        MAPPER.writeValue(generator, desired);
      }
      StringBuffer text = json.getBuffer();
      text.setLength(text.length() - 1); // the closing brace: two more fields follow
      if (!annotations.isEmpty()) {
        text.append(",\"metadata.annotations\":").append(MAPPER.writeValueAsString(annotations));
      }
      String shard = desired.getMetadata().getLabels() == null ? null
          : desired.getMetadata().getLabels().get(Groups.SHARD_LABEL);
      if (shard != null) {
        text.append(",\"metadata.labels.shard\":").append(MAPPER.writeValueAsString(shard));
      }
      return ShortHash.of(text.append('}').toString());
    } catch (IOException e) {
      throw new UncheckedIOException("a child of Kubernetes model types always serializes", e);
    }
  }

  /** The desired object, carrying the live metadata and status plus what others added to them. */
  private static <R extends HasMetadata> R replacement(R live, R desired) {
    @SuppressWarnings("unchecked")
    R copy = (R) SERIALIZATION.clone(desired);
    ObjectMeta meta = SERIALIZATION.clone(live.getMetadata());
    meta.setLabels(mergeOwnedKeys(meta.getLabels(), desired.getMetadata().getLabels()));
    meta.setAnnotations(mergeOwnedKeys(meta.getAnnotations(), desired.getMetadata().getAnnotations()));
    List<OwnerReference> owners = new ArrayList<>(meta.getOwnerReferences());
    for (OwnerReference ours : desired.getMetadata().getOwnerReferences()) {
      owners.removeIf(ref -> ours.getUid().equals(ref.getUid()));
      owners.add(ours);
    }
    meta.setOwnerReferences(owners);
    copy.setMetadata(meta);
    JsonNode liveStatus = SERIALIZATION.convertValue(live, ObjectNode.class).get("status");
    if (liveStatus != null) {
      ObjectNode withStatus = SERIALIZATION.convertValue(copy, ObjectNode.class);
      withStatus.set("status", liveStatus);
      @SuppressWarnings("unchecked")
      R restored = (R) SERIALIZATION.convertValue(withStatus, live.getClass());
      return restored;
    }
    return copy;
  }

  /**
   * Labels or annotations for an update: keys others set on the live object are kept, keys in our own
   * domain ({@code maverick.dev/}) that we no longer set are dropped, and ours are set.
   */
  static Map<String, String> mergeOwnedKeys(Map<String, String> live, Map<String, String> ours) {
    Map<String, String> merged = new TreeMap<>();
    if (live != null) {
      live.forEach((k, v) -> {
        if (!k.startsWith(Groups.GROUP + "/")) {
          merged.put(k, v);
        }
      });
    }
    if (ours != null) {
      merged.putAll(ours);
    }
    return merged;
  }

  private static boolean upToDate(HasMetadata live, HasMetadata replacement, List<String> exactFields) {
    String liveHash = live.getMetadata().getAnnotations() == null ? null
        : live.getMetadata().getAnnotations().get(DESIRED_HASH);
    if (!replacement.getMetadata().getAnnotations().get(DESIRED_HASH).equals(liveHash)) {
      return false;
    }
    ObjectNode liveTree = SERIALIZATION.convertValue(live, ObjectNode.class);
    ObjectNode wanted = SERIALIZATION.convertValue(replacement, ObjectNode.class);
    liveTree.remove("status");
    wanted.remove("status");
    for (String field : exactFields) {
      if (!liveTree.path(field).equals(wanted.path(field))) {
        return false;
      }
    }
    return Containment.contains(liveTree, wanted);
  }

  /** A child's name is taken by an object this pipeline does not own. */
  public static final class ChildConflictException extends RuntimeException {
    public ChildConflictException(String message) {
      super(message);
    }
  }
}
