// Validates Prometheus Operator objects (a JSON array on stdin) against the schemas of the npm
// package @kubernetes-models/prometheus-operator, generated from the Prometheus Operator's CRDs.
// Usage: node validate-prometheus-operator.mjs MODELS_DIR < objects.json
// MODELS_DIR holds node_modules/@kubernetes-models/prometheus-operator (scripts/install-test-tools.sh).
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const models = await import(pathToFileURL(
  `${process.argv[2]}/node_modules/@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/index.js`));
let invalid = 0;
for (const object of JSON.parse(readFileSync(0, "utf8"))) {
  const name = `${object.kind}/${object.metadata?.name}`;
  const model = models[object.kind];
  if (!model) {
    console.log(`${name}: not a monitoring.coreos.com/v1 kind`);
    invalid++;
    continue;
  }
  try {
    new model(object).validate();
    console.log(`${name}: valid`);
  } catch (e) {
    console.log(`${name}: ${e.message}`);
    invalid++;
  }
}
process.exit(invalid === 0 ? 0 : 1);
