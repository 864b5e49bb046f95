package dev.maverick.pipeline;

import dev.maverick.integrations.ClusterApi;
import dev.maverick.integrations.ServiceMonitor;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** With {@code monitoring.serviceMonitor}: a ServiceMonitor per component, scraping its Service's metrics port. */
public final class ServiceMonitors implements ChildKind<ServiceMonitor> {

  @Override
  public Class<ServiceMonitor> type() {
    return ServiceMonitor.class;
  }

  @Override
  public Optional<ClusterApi> api() {
    return Optional.of(ClusterApi.PROMETHEUS_OPERATOR);
  }

  @Override
  public List<ServiceMonitor> desired(PipelineModel model) {
    if (!model.spec().monitoring().serviceMonitor()) {
      return List.of();
    }
    return Stream.of(Component.values()).map(component -> {
      ServiceMonitor monitor = new ServiceMonitor();
      monitor.setMetadata(model.metadata(ChildNames.of(model.name(), component), component));
      monitor.setAdditionalProperty("spec", Map.of(
          "selector", Map.of("matchLabels", model.selector(component)),
          "endpoints", List.of(Map.of("port", "metrics"))));
      return monitor;
    }).toList();
  }
}
