// Validates Kubernetes objects against the OpenAPI schemas shipped by npm kubernetes-models (core and apps APIs of a
// current Kubernetes release) and @kubernetes-models/* (CloudNativePG and prometheus-operator CRDs).
// Input (stdin): a JSON array of objects. Output (stdout): one JSON line per object:
//   {"kind", "name", "result": "valid" | "invalid" | "no-model", "error"?}
// Usage: node validate.mjs <node_modules directory> < objects.json
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import path from "node:path";

const modules = process.argv[2];
const crdPackages = {
  "postgresql.cnpg.io": "@kubernetes-models/cloudnative-pg",
  "monitoring.coreos.com": "@kubernetes-models/prometheus-operator",
};

function modelFile(apiVersion, kind) {
  const slash = apiVersion.indexOf("/");
  const group = slash < 0 ? "" : apiVersion.slice(0, slash);
  const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
  const pkg = crdPackages[group] ?? "kubernetes-models";
  const dir = group === "" ? version : `${group}/${version}`;
  return path.join(modules, pkg, dir, `${kind}.js`);
}

const objects = JSON.parse(readFileSync(0, "utf8"));
for (const object of objects) {
  const line = { kind: object.kind, name: object.metadata?.name };
  let model;
  try {
    model = await import(pathToFileURL(modelFile(object.apiVersion, object.kind)).href);
  } catch (e) {
    console.log(JSON.stringify({ ...line, result: "no-model", error: String(e.message ?? e) }));
    continue;
  }
  const Model = model[object.kind] ?? model.default;
  try {
    new Model(object).validate();
    console.log(JSON.stringify({ ...line, result: "valid" }));
  } catch (e) {
    console.log(JSON.stringify({ ...line, result: "invalid", error: String(e.message ?? e) }));
  }
}
