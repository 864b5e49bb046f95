package dev.maverick.runtime;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;

/**
 * Reads every short string from the API server as one shared instance. The informers cache about a dozen
 * objects per pipeline, and most of their strings repeat across pipelines (labels, images, ports, env
 * names, condition reasons): at 1,000 pipelines, 554,000 strings took 40 MiB, a third of the live heap.
 * {@link String#intern()} keeps one copy per value and forgets values nothing refers to any more.
 */
final class SharedStrings extends StdScalarDeserializer<String> {
  /** Longer strings (a flags ConfigMap's JSON, certificates) are seldom equal: not worth a lookup. */
  static final int MAX_SHARED_LENGTH = 256;

  private SharedStrings() {
    super(String.class);
  }

  /** fabric8's serialization, with this deserializer for strings. */
  static KubernetesSerialization serialization() {
    return new KubernetesSerialization(new ObjectMapper().registerModule(
        new SimpleModule("shared-strings").addDeserializer(String.class, new SharedStrings())), true);
  }

  @Override
  public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
    String value = StringDeserializer.instance.deserialize(parser, context);
    return value == null || value.length() > MAX_SHARED_LENGTH ? value : value.intern();
  }
}
