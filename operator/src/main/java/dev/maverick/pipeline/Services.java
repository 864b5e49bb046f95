package dev.maverick.pipeline;

import dev.maverick.api.AppPorts;
import dev.maverick.api.WorkerPorts;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import java.util.List;

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
    return List.of(
        service(model, Component.APP, List.of(port("http", app.http()), port("metrics", app.metrics()))),
        service(model, Component.WORKER,
            List.of(port("health", worker.health()), port("metrics", worker.metrics()))));
  }

  /** The API server assigns clusterIP(s) once; a replacement must carry them. */
  @Override
  public void preserve(PipelineModel model, Service live, Service replacement) {
    replacement.getSpec().setClusterIP(live.getSpec().getClusterIP());
    replacement.getSpec().setClusterIPs(live.getSpec().getClusterIPs());
  }

  private static Service service(PipelineModel model, Component component, List<ServicePort> ports) {
    return new ServiceBuilder()
        .withMetadata(model.metadata(ChildNames.of(model.name(), component), component))
        .withNewSpec()
          .withType("ClusterIP")
          .withSelector(model.selector(component))
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
