package dev.maverick.flags;

import dev.maverick.fingerprint.ShortHash;
import java.io.ByteArrayOutputStream;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.maverick.api.EffectiveFlag;
import dev.maverick.api.EmbeddingPipelineSpec;
import dev.maverick.api.FeatureFlag;
import dev.maverick.api.RateLimitProfile;
import dev.maverick.api.RateLimitValues;
import dev.maverick.rollout.EffectiveRollout;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Renders the data of the flags ConfigMap {@code <name>-flags}: a flagd flag-definition file plus
 * env-style keys for the same effective flags and rate-limit profile (API.md, "The flags
 * ConfigMap"). Pure functions: the same inputs always give the same bytes, so the hash is stable.
 */
public final class FlagsConfigMap {

  /** The ConfigMap key holding the flagd flag-definition JSON. */
  public static final String FLAGD_KEY = "flags.flagd.json";
  public static final String FLAGD_SCHEMA_URL = "https://flagd.dev/schema/v0/flags.json";
  /** The string flag whose default variant is the effective rate-limit profile. */
  public static final String RATE_LIMIT_PROFILE_FLAG = "rateLimitProfile";
  /** The evaluation-context attribute that {@code targetTeams} is matched against. */
  public static final String TEAM_ATTRIBUTE = "team";

  static final String ON = "on";
  static final String OFF = "off";

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  // A fixed "\n" line feed: the default pretty printer uses the platform's, which would change the hash.
  private static final ObjectMapper JSON_READER = new ObjectMapper();
  private static final ObjectWriter JSON_WRITER = new ObjectMapper().writer(
      new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n")));

  private FlagsConfigMap() {}

  /**
   * The ConfigMap data for a pipeline.
   *
   * @param namespace the pipeline's namespace
   * @param name the pipeline's name
   * @param spec the pipeline spec (source of targetTeams, params and custom rate-limit values)
   * @param effective the flags and profile in force (spec, then stage, then overrides)
   * @throws IllegalArgumentException when the spec cannot be rendered (reserved flag name, two
   *     keys that map to the same env key, custom profile without values); the message names the
   *     field to fix
   */
  public static SortedMap<String, String> data(
      String namespace, String name, EmbeddingPipelineSpec spec, EffectiveRollout effective) {
    List<RenderedFlag> flags = renderedFlags(spec, effective);
    RateLimitProfile profile = effective.rateLimitProfile();
    RateLimitValues limits = RateLimitProfiles.valuesFor(profile, spec.rateLimiting());

    EnvKeys data = new EnvKeys();
    data.put(FLAGD_KEY, flagdJson(namespace + "/" + name, flags, profile, limits), "the flagd file");
    putRateLimitKeys(data, profile, limits);
    flags.forEach(flag -> putFlagKeys(data, flag));
    return Collections.unmodifiableSortedMap(data.values);
  }

  /**
   * The {@code flags} object of the flagd file in {@code data} (as {@link #data} rendered it), for
   * other carriers of the same flags such as the OpenFeature FeatureFlag resource.
   */
  public static Map<String, Object> flagdFlags(Map<String, String> data) {
    try {
      JsonNode flags = JSON_READER.readTree(data.get(FLAGD_KEY)).get("flags");
      return JSON_READER.convertValue(flags, new com.fasterxml.jackson.core.type.TypeReference<>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the flagd file is rendered by this class and always parses", e);
    }
  }

  /**
   * A short stable hash of ConfigMap data: the first 16 hex characters of SHA-256 over the entries
   * in key order. Used as the pod annotation {@code maverick.dev/flags-hash} and in
   * {@code status.currentRevision.flagsHash}.
   */
  public static String flagsHash(Map<String, String> data) {
    // NUL separators: ConfigMap keys cannot contain NUL, so distinct maps give distinct byte streams.
    ByteArrayOutputStream entries = new ByteArrayOutputStream();
    new TreeMap<>(data).forEach((key, value) -> {
      entries.writeBytes(key.getBytes(StandardCharsets.UTF_8));
      entries.write(0);
      entries.writeBytes(value.getBytes(StandardCharsets.UTF_8));
      entries.write(0);
    });
    return ShortHash.of(entries.toByteArray());
  }

  // compiled once: envName runs for every flag and param at every render
  private static final Pattern LOWER_THEN_UPPER = Pattern.compile("([a-z0-9])([A-Z])");
  private static final Pattern ACRONYM_THEN_WORD = Pattern.compile("([A-Z])([A-Z][a-z])");
  private static final Pattern NON_ALPHANUMERIC = Pattern.compile("[^A-Za-z0-9]+");

  /** {@code embeddingMonitoring} -> {@code EMBEDDING_MONITORING}; non-alphanumerics become "_". */
  static String envName(String name) {
    String words = ACRONYM_THEN_WORD.matcher(LOWER_THEN_UPPER.matcher(name).replaceAll("$1_$2")).replaceAll("$1_$2");
    return NON_ALPHANUMERIC.matcher(words).replaceAll("_").toUpperCase(Locale.ROOT);
  }

  /** A number without a trailing ".0" for whole values: 2.0 -> "2", 1.5 -> "1.5". */
  static String formatNumber(Number number) {
    return new BigDecimal(number.toString()).stripTrailingZeros().toPlainString();
  }

  /**
   * One entry per flag of the spec or of the effective state, in name order. A spec flag missing
   * from the effective state is off; an effective flag missing from the spec (e.g. a stable
   * revision's flag restored by FullRollback) has no teams or params.
   */
  private static List<RenderedFlag> renderedFlags(EmbeddingPipelineSpec spec, EffectiveRollout effective) {
    Map<String, FeatureFlag> specFlags = new HashMap<>();
    spec.featureFlags().forEach(flag -> specFlags.put(flag.name(), flag));
    SortedMap<String, EffectiveFlag> effectiveFlags = new TreeMap<>();
    effective.flags().forEach(flag -> effectiveFlags.put(flag.name(), flag));
    specFlags.keySet().forEach(flagName ->
        effectiveFlags.putIfAbsent(flagName, new EffectiveFlag(flagName, false, 0)));
    if (effectiveFlags.containsKey(RATE_LIMIT_PROFILE_FLAG)) {
      throw new IllegalArgumentException("spec.featureFlags: the name " + RATE_LIMIT_PROFILE_FLAG
          + " is reserved for the rate-limit profile flag; rename that feature flag");
    }
    return effectiveFlags.values().stream().map(flag -> {
      FeatureFlag specFlag = specFlags.get(flag.name());
      return new RenderedFlag(flag.name(), flag.enabled(), flag.rolloutPercentage(),
          specFlag == null ? List.of() : specFlag.targetTeams(),
          specFlag == null ? Map.of() : new TreeMap<>(specFlag.params()));
    }).toList();
  }

  private static String flagdJson(
      String flagSetId, List<RenderedFlag> flags, RateLimitProfile profile, RateLimitValues limits) {
    SortedMap<String, JsonNode> flagNodes = new TreeMap<>();
    flags.forEach(flag -> flagNodes.put(flag.name(), booleanFlag(flag)));
    flagNodes.put(RATE_LIMIT_PROFILE_FLAG, rateLimitProfileFlag(profile, limits));

    ObjectNode root = JSON.objectNode();
    root.put("$schema", FLAGD_SCHEMA_URL);
    root.putObject("flags").setAll(flagNodes);
    root.putObject("metadata").put("flagSetId", flagSetId);
    try {
      return JSON_WRITER.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }

  private static ObjectNode booleanFlag(RenderedFlag flag) {
    ObjectNode node = JSON.objectNode();
    node.put("state", "ENABLED");
    ObjectNode variants = node.putObject("variants");
    variants.put(ON, true);
    variants.put(OFF, false);
    node.put("defaultVariant", OFF);
    // Without targeting every evaluation gets the default variant: a disabled flag is off for everyone.
    if (flag.enabled()) {
      node.set("targeting", targeting(flag));
    }
    if (!flag.params().isEmpty()) {
      ObjectNode metadata = node.putObject("metadata");
      flag.params().forEach(metadata::put);
    }
    return node;
  }

  /** {"fractional": [["on", p], ["off", 100-p]]}, wrapped in an "if team in targetTeams" test. */
  private static JsonNode targeting(RenderedFlag flag) {
    ObjectNode fractional = JSON.objectNode();
    var buckets = fractional.putArray("fractional");
    buckets.addArray().add(ON).add(flag.rolloutPercentage());
    buckets.addArray().add(OFF).add(100 - flag.rolloutPercentage());
    if (flag.targetTeams().isEmpty()) {
      return fractional;
    }
    ObjectNode teamTest = JSON.objectNode();
    var inArgs = teamTest.putArray("in");
    inArgs.addObject().put("var", TEAM_ATTRIBUTE);
    var teams = inArgs.addArray();
    flag.targetTeams().forEach(teams::add);

    ObjectNode ifRule = JSON.objectNode();
    ifRule.putArray("if").add(teamTest).add(fractional).add(OFF);
    return ifRule;
  }

  private static ObjectNode rateLimitProfileFlag(RateLimitProfile profile, RateLimitValues limits) {
    ObjectNode node = JSON.objectNode();
    node.put("state", "ENABLED");
    ObjectNode variants = node.putObject("variants");
    for (RateLimitProfile each : RateLimitProfile.values()) {
      variants.put(each.name(), each.name());
    }
    node.put("defaultVariant", profile.name());
    // The values in force, so that an app reading only the flagd file needs no profile table.
    ObjectNode metadata = node.putObject("metadata");
    metadata.set("maxConcurrentRequests", jsonNumber(limits.maxConcurrentRequests()));
    metadata.set("requestsPerMinute", jsonNumber(limits.requestsPerMinute()));
    metadata.set("tokensPerMinute", jsonNumber(limits.tokensPerMinute()));
    metadata.set("burstAllowance", jsonNumber(limits.burstAllowance()));
    metadata.set("backoffMultiplier", jsonNumber(limits.backoffMultiplier()));
    metadata.set("maxBackoffMs", jsonNumber(limits.maxBackoffMs()));
    return node;
  }

  private static JsonNode jsonNumber(Number number) {
    BigDecimal value = new BigDecimal(formatNumber(number));
    return value.scale() <= 0 ? LongNode.valueOf(value.longValueExact()) : DoubleNode.valueOf(value.doubleValue());
  }

  private static void putRateLimitKeys(EnvKeys data, RateLimitProfile profile, RateLimitValues limits) {
    String source = "the rate-limit profile";
    data.put("RATE_LIMIT_PROFILE", profile.name(), source);
    data.put("RATE_LIMIT_MAX_CONCURRENT_REQUESTS", formatNumber(limits.maxConcurrentRequests()), source);
    data.put("RATE_LIMIT_REQUESTS_PER_MINUTE", formatNumber(limits.requestsPerMinute()), source);
    data.put("RATE_LIMIT_TOKENS_PER_MINUTE", formatNumber(limits.tokensPerMinute()), source);
    data.put("RATE_LIMIT_BURST_ALLOWANCE", formatNumber(limits.burstAllowance()), source);
    data.put("RATE_LIMIT_BACKOFF_MULTIPLIER", formatNumber(limits.backoffMultiplier()), source);
    data.put("RATE_LIMIT_MAX_BACKOFF_MS", formatNumber(limits.maxBackoffMs()), source);
  }

  private static void putFlagKeys(EnvKeys data, RenderedFlag flag) {
    String prefix = envName(flag.name());
    String source = "spec.featureFlags[" + flag.name() + "]";
    data.put("ENABLE_" + prefix, Boolean.toString(flag.enabled()), source);
    data.put(prefix + "_ROLLOUT_PERCENTAGE", Integer.toString(flag.rolloutPercentage()), source);
    if (!flag.targetTeams().isEmpty()) {
      data.put(prefix + "_TARGET_TEAMS", String.join(",", flag.targetTeams()), source + ".targetTeams");
    }
    flag.params().forEach((param, value) ->
        data.put(prefix + "_" + envName(param), value, source + ".params." + param));
  }

  private record RenderedFlag(
      String name, boolean enabled, int rolloutPercentage, List<String> targetTeams, Map<String, String> params) {}

  /** ConfigMap data that refuses a second value for a key, naming both sources. */
  private static final class EnvKeys {
    private final SortedMap<String, String> values = new TreeMap<>();
    private final Map<String, String> sources = new HashMap<>();

    void put(String key, String value, String source) {
      String earlier = sources.putIfAbsent(key, source);
      if (earlier != null) {
        throw new IllegalArgumentException("the flags ConfigMap key " + key + " would come from both "
            + earlier + " and " + source + "; rename one of them");
      }
      values.put(key, value);
    }
  }
}
