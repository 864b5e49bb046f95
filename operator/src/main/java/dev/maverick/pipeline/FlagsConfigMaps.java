package dev.maverick.pipeline;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.List;
import java.util.TreeMap;

/** The flags ConfigMap {@code <name>-flags}, carrying exactly the keys the flags renderer makes. */
public final class FlagsConfigMaps implements ChildKind<ConfigMap> {

  @Override
  public Class<ConfigMap> type() {
    return ConfigMap.class;
  }

  @Override
  public List<String> exactFields() {
    return List.of("data", "binaryData");
  }

  @Override
  public List<ConfigMap> desired(PipelineModel model) {
    // API.md labels every child app or worker; the flags are the app's feature flags, read by both
    return List.of(new ConfigMapBuilder()
        .withMetadata(model.metadata(ChildNames.flagsConfigMap(model.name()), Component.APP))
        .withData(new TreeMap<>(model.flagsData()))
        .build());
  }
}
