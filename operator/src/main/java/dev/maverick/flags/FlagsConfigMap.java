package dev.maverick.flags;

import dev.maverick.api.EmbeddingPipelineSpec;
import dev.maverick.rollout.EffectiveRollout;
import java.util.SortedMap;
import java.util.TreeMap;

/** TEMPORARY stub until the flags branch lands. */
public final class FlagsConfigMap {
  private FlagsConfigMap() {}

  public static SortedMap<String, String> data(String namespace, String name, EmbeddingPipelineSpec spec,
      EffectiveRollout effective) {
    var data = new TreeMap<String, String>();
    effective.flags().forEach(f -> data.put("ENABLE_" + f.name().toUpperCase(), String.valueOf(f.enabled())));
    data.put("RATE_LIMIT_PROFILE", effective.rateLimitProfile().name());
    return data;
  }

  public static String flagsHash(SortedMap<String, String> data) {
    return Integer.toHexString(data.hashCode());
  }
}
