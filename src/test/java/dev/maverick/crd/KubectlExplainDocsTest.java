package dev.maverick.crd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.maverick.testing.ExternalTools;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/crds.md shows what {@code kubectl explain} prints for a few paths; this test runs the real
 * kubectl against a small HTTP server that answers discovery and OpenAPI v3 for our group the way
 * the API server does for a CRD (the version's {@code openAPIV3Schema} as a component schema tagged
 * with its group, version and kind, and a path for the namespaced resource), and fails when the
 * docs differ from kubectl's output. The API server also adds apiVersion, kind and metadata to the
 * root schema; the paths shown do not need them.
 */
class KubectlExplainDocsTest {
  static final Path DOCS = Path.of("docs", "crds.md");
  /** The paths docs/crds.md shows, in its order. */
  static final List<String> EXPLAINED = List.of("emb.spec.app", "emb.status.phase", "rpol.spec.triggers",
      "rpol.spec.triggers.actions.type");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  @TempDir
  Path home;

  @Test
  void docsShowWhatKubectlExplainPrints() throws Exception {
    Path kubectl = ExternalTools.require("kubectl");
    HttpServer server = apiServer();
    server.start();
    try {
      Path kubeconfig = home.resolve("kubeconfig");
      Files.writeString(kubeconfig, """
          apiVersion: v1
          kind: Config
          clusters: [{name: docs, cluster: {server: "http://127.0.0.1:%d"}}]
          contexts: [{name: docs, context: {cluster: docs, namespace: default}}]
          current-context: docs
          users: [{name: docs, user: {}}]
          """.formatted(server.getAddress().getPort()));
      StringBuilder expected = new StringBuilder();
      for (String path : EXPLAINED) {
        expected.append(block(path, explain(kubectl, kubeconfig, path)));
      }
      Path written = Path.of("target", "kubectl-explain.md");
      Files.createDirectories(written.getParent());
      Files.writeString(written, expected);
      assertThat(normalized(Files.readString(DOCS)))
          .as("docs/crds.md must show kubectl explain's output; paste the blocks of " + written.toAbsolutePath())
          .contains(normalized(expected.toString()));
    } finally {
      server.stop(0);
    }
  }

  /** A fenced block as docs/crds.md shows it: the command, then its output. */
  static String block(String path, String output) {
    return "```text\n$ kubectl explain " + path + "\n" + output.stripTrailing() + "\n```\n\n";
  }

  /** Without trailing blanks on lines, which editors remove and kubectl leaves. */
  private static String normalized(String text) {
    return text.lines().map(String::stripTrailing).collect(Collectors.joining("\n")).stripTrailing();
  }

  private String explain(Path kubectl, Path kubeconfig, String path) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(kubectl.toString(), "explain", path)
        .redirectErrorStream(false)
        .redirectError(home.resolve("stderr").toFile());
    builder.environment().put("KUBECONFIG", kubeconfig.toString());
    builder.environment().put("HOME", home.toString()); // kubectl's discovery cache stays in the temp dir
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("kubectl explain " + path + " finished").isTrue();
    assertThat(process.exitValue())
        .as("kubectl explain " + path + ": " + Files.readString(home.resolve("stderr")))
        .isZero();
    return out;
  }

  /** Discovery and OpenAPI v3 of our group, as a kube-apiserver serves them for the CRDs in crds/. */
  private static HttpServer apiServer() throws IOException {
    Map<String, JsonNode> routes = new HashMap<>();
    ArrayNode resources = NODES.arrayNode();
    ObjectNode schemas = NODES.objectNode();
    ObjectNode paths = NODES.objectNode();
    String groupVersion = Crds.GROUP + "/v1alpha1";
    for (JsonNode crd : Crds.BY_KIND.values()) {
      JsonNode names = crd.at("/spec/names");
      String kind = names.path("kind").asText();
      JsonNode version = crd.at("/spec/versions/0");
      assertThat(version.path("name").asText()).isEqualTo("v1alpha1");
      resources.addObject()
          .put("name", names.path("plural").asText())
          .put("singularName", names.path("singular").asText())
          .put("namespaced", true)
          .put("kind", kind)
          .<ObjectNode>set("shortNames", names.path("shortNames"))
          .<ObjectNode>set("categories", names.path("categories"))
          .set("verbs", NODES.arrayNode().add("get").add("list"));
      ObjectNode gvk = NODES.objectNode().put("group", Crds.GROUP).put("version", "v1alpha1").put("kind", kind);
      ObjectNode schema = version.at("/schema/openAPIV3Schema").deepCopy();
      schema.set("x-kubernetes-group-version-kind", NODES.arrayNode().add(gvk));
      schemas.set("dev.maverick.v1alpha1." + kind, schema);
      ObjectNode get = NODES.objectNode();
      get.set("x-kubernetes-group-version-kind", gvk);
      get.set("responses", NODES.objectNode());
      paths.putObject("/apis/" + groupVersion + "/namespaces/{namespace}/" + names.path("plural").asText())
          .set("get", get);
    }
    routes.put("/api", json("{\"kind\":\"APIVersions\",\"versions\":[\"v1\"]}"));
    routes.put("/api/v1", json("{\"kind\":\"APIResourceList\",\"groupVersion\":\"v1\",\"resources\":[]}"));
    routes.put("/apis", json(("{\"kind\":\"APIGroupList\",\"apiVersion\":\"v1\",\"groups\":[{\"name\":\"%s\","
        + "\"versions\":[{\"groupVersion\":\"%s\",\"version\":\"v1alpha1\"}],"
        + "\"preferredVersion\":{\"groupVersion\":\"%s\",\"version\":\"v1alpha1\"}}]}")
        .formatted(Crds.GROUP, groupVersion, groupVersion)));
    ObjectNode resourceList = NODES.objectNode().put("kind", "APIResourceList").put("apiVersion", "v1")
        .put("groupVersion", groupVersion);
    resourceList.set("resources", resources);
    routes.put("/apis/" + groupVersion, resourceList);
    routes.put("/openapi/v3", json("{\"paths\":{\"apis/%s\":{\"serverRelativeURL\":\"/openapi/v3/apis/%s?hash=docs\"}}}"
        .formatted(groupVersion, groupVersion)));
    ObjectNode document = NODES.objectNode().put("openapi", "3.0.0");
    document.putObject("info").put("title", "Kubernetes").put("version", "v1.34.0");
    document.set("paths", paths);
    document.putObject("components").set("schemas", schemas);
    routes.put("/openapi/v3/apis/" + groupVersion, document);

    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      JsonNode body = routes.get(exchange.getRequestURI().getPath());
      byte[] bytes = body == null ? new byte[0] : JSON.writeValueAsBytes(body);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    });
    return server;
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new IllegalArgumentException(text, e);
    }
  }
}
