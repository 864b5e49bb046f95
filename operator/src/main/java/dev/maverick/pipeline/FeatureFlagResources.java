package dev.maverick.pipeline;

import dev.maverick.flags.FlagsConfigMap;
import dev.maverick.integrations.ClusterApi;
import dev.maverick.integrations.OpenFeatureFlag;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * With {@code flagDelivery.featureFlagResource}: an OpenFeature FeatureFlag {@code <name>-flags}
 * carrying the flags of the ConfigMap's {@code flags.flagd.json} (the same rendering, read back),
 * for flagd sidecars the OpenFeature operator injects.
 */
public final class FeatureFlagResources implements ChildKind<OpenFeatureFlag> {

  @Override
  public Class<OpenFeatureFlag> type() {
    return OpenFeatureFlag.class;
  }

  @Override
  public Optional<ClusterApi> api() {
    return Optional.of(ClusterApi.OPENFEATURE_OPERATOR);
  }

  @Override
  public List<OpenFeatureFlag> desired(PipelineModel model) {
    if (!model.spec().flagDelivery().featureFlagResource()) {
      return List.of();
    }
    OpenFeatureFlag flag = new OpenFeatureFlag();
    // API.md labels every child app or worker; the flags are the app's feature flags, read by both
    flag.setMetadata(model.metadata(ChildNames.flagsConfigMap(model.name()), Component.APP));
    flag.setAdditionalProperty("spec", Map.of("flagSpec", Map.of("flags", FlagsConfigMap.flagdFlags(model.flagsData()))));
    return List.of(flag);
  }
}
