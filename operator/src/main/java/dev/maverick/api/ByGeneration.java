package dev.maverick.api;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A value computed from an object's spec, kept per uid for the generation last seen: reconciles and
 * ticks read the same objects over and over, while a spec only changes with its
 * {@code metadata.generation}. Values are shared by concurrent callers, so they must be immutable or
 * safe for concurrent use. An object without uid or generation (not read from the API server: tests,
 * {@code render}) is computed at every call.
 *
 * @param <T> the kind of object
 * @param <V> what is computed from it
 */
public final class ByGeneration<T extends HasMetadata, V> {
  /**
   * Bounds for the operator's kinds: far more than one operator's pipelines, or a cluster's
   * policies. An entry of a deleted object stays until the bound is reached.
   */
  public static final int PIPELINES = 1 << 16;
  public static final int POLICIES = 256;

  private record Entry<V>(long generation, V value) {}

  private final int maxEntries;
  private final Function<T, V> compute;
  private final Map<String, Entry<V>> byUid = new ConcurrentHashMap<>();

  /**
   * @param maxEntries far more than the live objects of the kind: past it, the entries are mostly
   *     deleted objects', so the map starts over rather than grow with every object ever seen
   */
  public ByGeneration(int maxEntries, Function<T, V> compute) {
    this.maxEntries = maxEntries;
    this.compute = Objects.requireNonNull(compute);
  }

  public V get(T object) {
    Optional<ObjectMeta> metadata = Optional.ofNullable(object.getMetadata());
    String uid = metadata.map(ObjectMeta::getUid).orElse(null);
    Long generation = metadata.map(ObjectMeta::getGeneration).orElse(null);
    if (uid == null || generation == null) {
      return compute.apply(object);
    }
    Entry<V> entry = byUid.get(uid);
    if (entry != null && entry.generation() == generation) {
      return entry.value();
    }
    if (entry == null && byUid.size() >= maxEntries) {
      byUid.clear();
    }
    V value = compute.apply(object);
    byUid.put(uid, new Entry<>(generation, value));
    return value;
  }

  public int size() {
    return byUid.size();
  }
}
