package dev.maverick.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.SELinuxOptions;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The Pod Security Standards (https://kubernetes.io/docs/concepts/security/pod-security-standards/),
 * baseline and restricted profiles, one named rule per control of that page, checked against a pod
 * template the way the PodSecurity admission controller checks a pod.
 */
public final class PodSecurityStandards {
  private PodSecurityStandards() {
  }

  /** One control of the page: its name and the violations it finds (empty: the pod passes). */
  public record Rule(String name, Function<PodTemplateSpec, List<String>> check) {
  }

  private static final Set<String> BASELINE_CAPABILITIES = Set.of("AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE",
      "FOWNER", "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID",
      "SYS_CHROOT");
  private static final Set<String> SAFE_SYSCTLS = Set.of("kernel.shm_rmid_forced",
      "net.ipv4.ip_local_port_range", "net.ipv4.ip_unprivileged_port_start", "net.ipv4.tcp_syncookies",
      "net.ipv4.ping_group_range", "net.ipv4.ip_local_reserved_ports", "net.ipv4.tcp_keepalive_time",
      "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes");
  private static final Set<String> SELINUX_TYPES = Set.of("container_t", "container_init_t",
      "container_kvm_t", "container_engine_t");
  private static final String APPARMOR_ANNOTATION = "container.apparmor.security.beta.kubernetes.io/";

  public static final List<Rule> BASELINE = List.of(
      new Rule("HostProcess", PodSecurityStandards::hostProcess),
      new Rule("Host Namespaces", PodSecurityStandards::hostNamespaces),
      new Rule("Privileged Containers", PodSecurityStandards::privileged),
      new Rule("Capabilities (baseline)", PodSecurityStandards::baselineCapabilities),
      new Rule("HostPath Volumes", PodSecurityStandards::hostPathVolumes),
      new Rule("Host Ports", PodSecurityStandards::hostPorts),
      new Rule("AppArmor", PodSecurityStandards::appArmor),
      new Rule("SELinux", PodSecurityStandards::seLinux),
      new Rule("/proc Mount Type", PodSecurityStandards::procMount),
      new Rule("Seccomp (baseline)", PodSecurityStandards::baselineSeccomp),
      new Rule("Sysctls", PodSecurityStandards::sysctls));

  public static final List<Rule> RESTRICTED_ONLY = List.of(
      new Rule("Volume Types", PodSecurityStandards::volumeTypes),
      new Rule("Privilege Escalation", PodSecurityStandards::privilegeEscalation),
      new Rule("Running as Non-root", PodSecurityStandards::runAsNonRoot),
      new Rule("Running as Non-root user", PodSecurityStandards::runAsNonRootUser),
      new Rule("Seccomp (restricted)", PodSecurityStandards::restrictedSeccomp),
      new Rule("Capabilities (restricted)", PodSecurityStandards::restrictedCapabilities));

  /** The restricted profile includes every baseline control. */
  public static final List<Rule> RESTRICTED = Stream.concat(BASELINE.stream(), RESTRICTED_ONLY.stream()).toList();

  /** Every violated rule, as "rule: detail". */
  public static List<String> violations(PodTemplateSpec pod) {
    List<String> found = new ArrayList<>();
    for (Rule rule : RESTRICTED) {
      rule.check().apply(pod).forEach(detail -> found.add(rule.name() + ": " + detail));
    }
    return found;
  }

  /** Asserts each restricted rule separately, so a failure names the rule that broke. */
  public static void assertRestricted(String what, PodTemplateSpec pod) {
    for (Rule rule : RESTRICTED) {
      assertThat(rule.check().apply(pod))
          .as("%s violates Pod Security Standard restricted rule '%s'", what, rule.name())
          .isEmpty();
    }
  }

  // ---- baseline ----

  private static List<String> hostProcess(PodTemplateSpec pod) {
    List<String> found = new ArrayList<>();
    PodSecurityContext psc = spec(pod).getSecurityContext();
    if (psc != null && psc.getWindowsOptions() != null && Boolean.TRUE.equals(psc.getWindowsOptions().getHostProcess())) {
      found.add("spec.securityContext.windowsOptions.hostProcess");
    }
    eachContainer(pod, (c, sc) -> sc.getWindowsOptions() != null
        && Boolean.TRUE.equals(sc.getWindowsOptions().getHostProcess()), found, "windowsOptions.hostProcess");
    return found;
  }

  private static List<String> hostNamespaces(PodTemplateSpec pod) {
    List<String> found = new ArrayList<>();
    PodSpec spec = spec(pod);
    if (Boolean.TRUE.equals(spec.getHostNetwork())) {
      found.add("spec.hostNetwork");
    }
    if (Boolean.TRUE.equals(spec.getHostPID())) {
      found.add("spec.hostPID");
    }
    if (Boolean.TRUE.equals(spec.getHostIPC())) {
      found.add("spec.hostIPC");
    }
    return found;
  }

  private static List<String> privileged(PodTemplateSpec pod) {
    List<String> found = new ArrayList<>();
    eachContainer(pod, (c, sc) -> Boolean.TRUE.equals(sc.getPrivileged()), found, "privileged");
    return found;
  }

  private static List<String> baselineCapabilities(PodTemplateSpec pod) {
    List<String> found = new ArrayList<>();
    for (Container c : containers(pod)) {
      for (String added : added(c)) {
        if (!BASELINE_CAPABILITIES.contains(added)) {
          found.add(c.getName() + ": capabilities.add " + added);
        }
      }
    }
    return found;
  }

  private static List<String> hostPathVolumes(PodTemplateSpec pod) {
    return volumes(pod).stream().filter(v -> v.getHostPath() != null).map(v -> "volume " + v.getName()).toList();
  }

  private static List<String> hostPorts(PodTemplateSpec pod) {
    List<String> found = new ArrayList<>();
    for (Container c : containers(pod)) {
      if (c.getPorts() != null) {
        c.getPorts().stream().filter(p -> p.getHostPort() != null && p.getHostPort() != 0)
            .forEach(p -> found.add(c.getName() + ": hostPort " + p.getHostPort()));
      }
    }
    return found;
  }

  private static List<String> appArmor(PodTemplateSpec pod) {
    List<String> found = new ArrayList<>();
    Set<String> allowedTypes = Set.of("RuntimeDefault", "Localhost");
    PodSecurityContext psc = spec(pod).getSecurityContext();
    if (psc != null && psc.getAppArmorProfile() != null && !allowedTypes.contains(psc.getAppArmorProfile().getType())) {
      found.add("spec.securityContext.appArmorProfile.type " + psc.getAppArmorProfile().getType());
    }
    eachContainer(pod, (c, sc) -> sc.getAppArmorProfile() != null
        && !allowedTypes.contains(sc.getAppArmorProfile().getType()), found, "appArmorProfile.type");
    annotations(pod).forEach((k, v) -> {
      if (k.startsWith(APPARMOR_ANNOTATION) && !v.equals("runtime/default") && !v.startsWith("localhost/")) {
        found.add("annotation " + k + "=" + v);
      }
    });
    return found;
  }

  private static List<String> seLinux(PodTemplateSpec pod) {
    List<String> found = new ArrayList<>();
    PodSecurityContext psc = spec(pod).getSecurityContext();
    if (psc != null && badSeLinux(psc.getSeLinuxOptions())) {
      found.add("spec.securityContext.seLinuxOptions");
    }
    eachContainer(pod, (c, sc) -> badSeLinux(sc.getSeLinuxOptions()), found, "seLinuxOptions");
    return found;
  }

  private static boolean badSeLinux(SELinuxOptions options) {
    if (options == null) {
      return false;
    }
    boolean typeAllowed = options.getType() == null || options.getType().isEmpty() || SELINUX_TYPES.contains(options.getType());
    boolean userUnset = options.getUser() == null || options.getUser().isEmpty();
    boolean roleUnset = options.getRole() == null || options.getRole().isEmpty();
    return !(typeAllowed && userUnset && roleUnset);
  }

  private static List<String> procMount(PodTemplateSpec pod) {
    List<String> found = new ArrayList<>();
    eachContainer(pod, (c, sc) -> sc.getProcMount() != null && !sc.getProcMount().equals("Default"), found, "procMount");
    return found;
  }

  private static List<String> baselineSeccomp(PodTemplateSpec pod) {
    List<String> found = new ArrayList<>();
    PodSecurityContext psc = spec(pod).getSecurityContext();
    if (psc != null && unconfined(psc.getSeccompProfile())) {
      found.add("spec.securityContext.seccompProfile Unconfined");
    }
    eachContainer(pod, (c, sc) -> unconfined(sc.getSeccompProfile()), found, "seccompProfile Unconfined");
    return found;
  }

  private static boolean unconfined(SeccompProfile profile) {
    return profile != null && "Unconfined".equals(profile.getType());
  }

  private static List<String> sysctls(PodTemplateSpec pod) {
    PodSecurityContext psc = spec(pod).getSecurityContext();
    if (psc == null || psc.getSysctls() == null) {
      return List.of();
    }
    return psc.getSysctls().stream().filter(s -> !SAFE_SYSCTLS.contains(s.getName())).map(s -> "sysctl " + s.getName()).toList();
  }

  // ---- restricted ----

  private static List<String> volumeTypes(PodTemplateSpec pod) {
    List<String> found = new ArrayList<>();
    for (Volume v : volumes(pod)) {
      boolean allowed = v.getConfigMap() != null || v.getCsi() != null || v.getDownwardAPI() != null
          || v.getEmptyDir() != null || v.getEphemeral() != null || v.getPersistentVolumeClaim() != null
          || v.getProjected() != null || v.getSecret() != null;
      if (!allowed) {
        found.add("volume " + v.getName());
      }
    }
    return found;
  }

  private static List<String> privilegeEscalation(PodTemplateSpec pod) {
    List<String> found = new ArrayList<>();
    eachContainer(pod, (c, sc) -> !Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation()), found,
        "allowPrivilegeEscalation is not false");
    return found;
  }

  private static List<String> runAsNonRoot(PodTemplateSpec pod) {
    List<String> found = new ArrayList<>();
    PodSecurityContext psc = spec(pod).getSecurityContext();
    Boolean podLevel = psc == null ? null : psc.getRunAsNonRoot();
    if (Boolean.FALSE.equals(podLevel)) {
      found.add("spec.securityContext.runAsNonRoot false");
    }
    eachContainer(pod, (c, sc) -> Boolean.FALSE.equals(sc.getRunAsNonRoot())
        || (sc.getRunAsNonRoot() == null && !Boolean.TRUE.equals(podLevel)), found, "runAsNonRoot is not true");
    return found;
  }

  private static List<String> runAsNonRootUser(PodTemplateSpec pod) {
    List<String> found = new ArrayList<>();
    PodSecurityContext psc = spec(pod).getSecurityContext();
    if (psc != null && Objects.equals(psc.getRunAsUser(), 0L)) {
      found.add("spec.securityContext.runAsUser 0");
    }
    eachContainer(pod, (c, sc) -> Objects.equals(sc.getRunAsUser(), 0L), found, "runAsUser 0");
    return found;
  }

  private static List<String> restrictedSeccomp(PodTemplateSpec pod) {
    List<String> found = new ArrayList<>();
    Set<String> allowed = Set.of("RuntimeDefault", "Localhost");
    PodSecurityContext psc = spec(pod).getSecurityContext();
    SeccompProfile podLevel = psc == null ? null : psc.getSeccompProfile();
    if (podLevel != null && !allowed.contains(podLevel.getType())) {
      found.add("spec.securityContext.seccompProfile " + podLevel.getType());
    }
    eachContainer(pod, (c, sc) -> sc.getSeccompProfile() == null
        ? podLevel == null : !allowed.contains(sc.getSeccompProfile().getType()), found,
        "seccompProfile is neither RuntimeDefault nor Localhost (at pod or container level)");
    return found;
  }

  private static List<String> restrictedCapabilities(PodTemplateSpec pod) {
    List<String> found = new ArrayList<>();
    for (Container c : containers(pod)) {
      Capabilities caps = c.getSecurityContext() == null ? null : c.getSecurityContext().getCapabilities();
      if (caps == null || caps.getDrop() == null || !caps.getDrop().contains("ALL")) {
        found.add(c.getName() + ": capabilities.drop lacks ALL");
      }
      added(c).stream().filter(a -> !a.equals("NET_BIND_SERVICE"))
          .forEach(a -> found.add(c.getName() + ": capabilities.add " + a));
    }
    return found;
  }

  // ---- helpers ----

  private interface ContainerCheck {
    boolean violates(Container container, SecurityContext context);
  }

  /** Applies the check to every container (init, regular, ephemeral); an absent context is an empty one. */
  private static void eachContainer(PodTemplateSpec pod, ContainerCheck check, List<String> found, String what) {
    for (Container c : containers(pod)) {
      SecurityContext sc = c.getSecurityContext() == null ? new SecurityContext() : c.getSecurityContext();
      if (check.violates(c, sc)) {
        found.add(c.getName() + ": " + what);
      }
    }
  }

  private static List<String> added(Container c) {
    Capabilities caps = c.getSecurityContext() == null ? null : c.getSecurityContext().getCapabilities();
    return caps == null || caps.getAdd() == null ? List.of() : caps.getAdd();
  }

  private static PodSpec spec(PodTemplateSpec pod) {
    return pod.getSpec();
  }

  private static List<Container> containers(PodTemplateSpec pod) {
    PodSpec spec = spec(pod);
    List<Container> all = new ArrayList<>();
    if (spec.getInitContainers() != null) {
      all.addAll(spec.getInitContainers());
    }
    if (spec.getContainers() != null) {
      all.addAll(spec.getContainers());
    }
    if (spec.getEphemeralContainers() != null) {
      // ephemeral containers carry the same fields that matter here
      spec.getEphemeralContainers().forEach(e -> all.add(new io.fabric8.kubernetes.api.model.ContainerBuilder()
          .withName(e.getName()).withSecurityContext(e.getSecurityContext()).withPorts(e.getPorts()).build()));
    }
    return all;
  }

  private static List<Volume> volumes(PodTemplateSpec pod) {
    return spec(pod).getVolumes() == null ? List.of() : spec(pod).getVolumes();
  }

  private static Map<String, String> annotations(PodTemplateSpec pod) {
    ObjectMeta meta = pod.getMetadata();
    return meta == null || meta.getAnnotations() == null ? Map.of() : meta.getAnnotations();
  }
}
