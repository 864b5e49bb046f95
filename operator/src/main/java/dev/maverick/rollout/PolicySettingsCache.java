package dev.maverick.rollout;

import dev.maverick.api.RolloutPolicy;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The parsed settings of each policy, one entry per uid for the generation last seen: every pipeline
 * reads its policy at every tick, while a policy's spec only changes with its
 * {@code metadata.generation}. Entries are immutable, so concurrent reconciles share them.
 */
final class PolicySettingsCache {
  /**
   * Far more entries than a cluster has policies: the map is then mostly deleted policies' entries, so
   * it starts over rather than grow with every policy ever created.
   */
  static final int MAX_ENTRIES = 256;

  private record Entry(long generation, PolicySettings settings) {}

  private final Map<String, Entry> byUid = new ConcurrentHashMap<>();

  /**
   * The policy's settings; a null policy has {@link PolicySettings#NONE}. A policy without uid or
   * generation (not read from the API server: tests, {@code render}) is parsed at every call.
   */
  PolicySettings settings(RolloutPolicy policy) {
    if (policy == null || policy.getSpec() == null) {
      return PolicySettings.NONE;
    }
    Optional<ObjectMeta> metadata = Optional.ofNullable(policy.getMetadata());
    String uid = metadata.map(ObjectMeta::getUid).orElse(null);
    Long generation = metadata.map(ObjectMeta::getGeneration).orElse(null);
    if (uid == null || generation == null) {
      return new PolicySettings(policy.getSpec());
    }
    Entry entry = byUid.get(uid);
    if (entry != null && entry.generation() == generation) {
      return entry.settings();
    }
    if (entry == null && byUid.size() >= MAX_ENTRIES) {
      byUid.clear();
    }
    PolicySettings settings = new PolicySettings(policy.getSpec());
    byUid.put(uid, new Entry(generation, settings));
    return settings;
  }

  int size() {
    return byUid.size();
  }
}
