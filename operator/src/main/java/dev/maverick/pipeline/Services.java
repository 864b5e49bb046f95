package dev.maverick.pipeline;

import dev.maverick.api.AppPorts;
import dev.maverick.api.WorkerPorts;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import dev.maverick.api.BlueGreenStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The app Service (ports http, metrics) and the worker Service (ports health, metrics). */
public final class Services implements ChildKind<Service> {

  @Override
  public Class<Service> type() {
    return Service.class;
  }

  @Override
  public List<Service> desired(PipelineModel model) {
    AppPorts app = model.spec().app().ports();
    WorkerPorts worker = model.spec().worker().ports();
    List<ServicePort> appPorts = List.of(port("http", app.http()), port("metrics", app.metrics()));
    List<Service> services = new ArrayList<>();
    // under blue-green one selector write switches the traffic; while a strategy change keeps the
    // RollingUpdate Deployment, the selector without a colour serves both its pods and the colour's
    services.add(service(model, Component.APP, ChildNames.of(model.name(), Component.APP), model.servedColor(),
        appPorts));
    if (model.spec().app().isBlueGreen()) {
      String preview = BlueGreenStatus.other(model.colors().orElseThrow().activeColor());
      services.add(service(model, Component.APP, ChildNames.appPreview(model.name()), Optional.of(preview), appPorts));
    }
    services.add(service(model, Component.WORKER, ChildNames.of(model.name(), Component.WORKER), Optional.empty(),
        List.of(port("health", worker.health()), port("metrics", worker.metrics()))));
    return services;
  }

  /** The API server assigns clusterIP(s) once; a replacement must carry them. */
  @Override
  public void preserve(PipelineModel model, Service live, Service replacement) {
    replacement.getSpec().setClusterIP(live.getSpec().getClusterIP());
    replacement.getSpec().setClusterIPs(live.getSpec().getClusterIPs());
  }

  private static Service service(PipelineModel model, Component component, String name, Optional<String> color,
      List<ServicePort> ports) {
    Map<String, String> selector = model.selector(component);
    color.ifPresent(c -> selector.put(ChildNames.COLOR_LABEL, c));
    return new ServiceBuilder()
        .withMetadata(model.metadata(name, component))
        .withNewSpec()
          .withType("ClusterIP")
          .withSelector(selector)
          .withPorts(ports)
        .endSpec()
        .build();
  }

  private static ServicePort port(String name, int number) {
    return new ServicePortBuilder()
        .withName(name)
        .withPort(number)
        .withTargetPort(new IntOrString(name))
        .withProtocol("TCP")
        .build();
  }
}
