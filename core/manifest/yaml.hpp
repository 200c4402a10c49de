#pragma once
// YAML in and out, as JSON values: what manifests, CR files and apply bodies are made of.
//
// Reading resolves plain scalars the way Kubernetes tooling (sigs.k8s.io/yaml, YAML 1.1 core
// types) does: null/~/empty -> null, true/false/yes/no/on/off -> bool, integers (decimal, 0x,
// 0o) -> int, decimals and .inf/.nan -> float, anything else -> string; quoted scalars and
// `!!str` stay strings. Documents that hold only comments are skipped.
//
// Writing is block style like `kubectl get -o yaml`: keys in the JSON object's order, lists not
// indented below their key, strings quoted only where YAML would read them as something else,
// multi-line strings as literal blocks. Reading back what was written gives the same JSON.
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace kyma::manifest {

// Every non-empty document of a multi-document stream. `source` names the input in errors,
// which read "<source>:<line>:<column>: <problem>" and are thrown as kyma::Error.
std::vector<nlohmann::json> parse_yaml_documents(std::string_view text, const std::string& source);

// Exactly one document (an empty input gives null). Throws kyma::Error as above, and when the
// stream holds more than one document.
nlohmann::json parse_yaml(std::string_view text, const std::string& source);

// One document, ending with a newline.
std::string to_yaml(const nlohmann::json& value);
void append_yaml(std::string& out, const nlohmann::json& value);

// Documents separated by "---" lines.
std::string to_yaml_stream(const std::vector<nlohmann::json>& documents);

}  // namespace kyma::manifest
