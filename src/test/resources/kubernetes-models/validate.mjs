// Validates Kubernetes objects (a JSON array on stdin) with the validators the npm packages
// kubernetes-models, @kubernetes-models/keda and @kubernetes-models/prometheus-operator generate
// from the real OpenAPI / CRD schemas. Prints one line per object: "<kind>/<name>: ok" or its errors.
// Run with the working directory .tools/npm (where scripts/install-test-tools.sh installs them).
const packages = {
  "keda.sh": "@kubernetes-models/keda",
  "monitoring.coreos.com": "@kubernetes-models/prometheus-operator",
};
const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
for (const object of JSON.parse(Buffer.concat(chunks).toString("utf8"))) {
  const group = object.apiVersion.includes("/") ? object.apiVersion.split("/")[0] : "";
  const pkg = packages[group] ?? "kubernetes-models";
  const module = await import(`${pkg}/${object.apiVersion}/${object.kind}`);
  const label = `${object.kind}/${object.metadata.name}`;
  try {
    new module[object.kind](object).validate();
    console.log(`${label}: ok`);
  } catch (error) {
    console.log(`${label}: ${String(error.message).replace(/\n/g, "; ")}`);
  }
}
