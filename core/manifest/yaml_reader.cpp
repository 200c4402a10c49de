// Reading YAML into JSON values with yaml-cpp (see yaml.hpp for the scalar rules).
#include <yaml-cpp/yaml.h>

#include <string>

#include "core/manifest/yaml.hpp"
#include "core/manifest/yaml_scalar.hpp"
#include "core/ui/error.hpp"

namespace kyma::manifest {
namespace {

std::string position(const std::string& source, const YAML::Mark& mark) {
  if (mark.is_null()) return source;
  return source + ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1);
}

nlohmann::json tagged_scalar(const YAML::Node& node, const std::string& source) {
  const std::string& tag = node.Tag();
  const std::string& text = node.Scalar();
  if (tag == "?") return resolve_plain_scalar(text);
  if (tag == "!" || tag == "tag:yaml.org,2002:str" || tag == "!!str") return text;
  nlohmann::json resolved = resolve_plain_scalar(text);
  auto wrong = [&](const char* what) {
    return Error(position(source, node.Mark()) + ": " + text + " is not " + what);
  };
  if (tag == "tag:yaml.org,2002:int") {
    if (!resolved.is_number_integer()) throw wrong("an integer");
    return resolved;
  }
  if (tag == "tag:yaml.org,2002:float") {
    if (!resolved.is_number()) throw wrong("a number");
    return resolved.get<double>();
  }
  if (tag == "tag:yaml.org,2002:bool") {
    if (!resolved.is_boolean()) throw wrong("a boolean");
    return resolved;
  }
  if (tag == "tag:yaml.org,2002:null") return nullptr;
  // Other tags (e.g. !Ref) carry no meaning for Kubernetes objects: keep the text.
  return text;
}

nlohmann::json to_json(const YAML::Node& node, const std::string& source) {
  switch (node.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
      return nullptr;
    case YAML::NodeType::Scalar:
      return tagged_scalar(node, source);
    case YAML::NodeType::Sequence: {
      nlohmann::json array = nlohmann::json::array();
      for (const auto& item : node) array.push_back(to_json(item, source));
      return array;
    }
    case YAML::NodeType::Map: {
      nlohmann::json object = nlohmann::json::object();
      for (const auto& entry : node) {
        if (!entry.first.IsScalar()) {
          throw Error(position(source, entry.first.Mark()) + ": a mapping key must be a scalar");
        }
        object[entry.first.Scalar()] = to_json(entry.second, source);
      }
      return object;
    }
  }
  return nullptr;
}

std::vector<YAML::Node> load_all(std::string_view text, const std::string& source) {
  try {
    return YAML::LoadAll(std::string(text));
  } catch (const YAML::Exception& e) {
    throw Error(position(source, e.mark) + ": " + e.msg);
  }
}

}  // namespace

std::vector<nlohmann::json> parse_yaml_documents(std::string_view text, const std::string& source) {
  std::vector<nlohmann::json> documents;
  for (const YAML::Node& node : load_all(text, source)) {
    if (node.IsNull() || !node.IsDefined()) continue;
    documents.push_back(to_json(node, source));
  }
  return documents;
}

nlohmann::json parse_yaml(std::string_view text, const std::string& source) {
  std::vector<nlohmann::json> documents = parse_yaml_documents(text, source);
  if (documents.empty()) return nullptr;
  if (documents.size() > 1) {
    throw Error(source + ": holds " + std::to_string(documents.size()) +
                " YAML documents, expected one");
  }
  return std::move(documents.front());
}

}  // namespace kyma::manifest
