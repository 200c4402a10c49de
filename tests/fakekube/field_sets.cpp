#include "tests/fakekube/field_sets.hpp"

#include <algorithm>
#include <functional>

namespace fakekube {

using kyma::kube::ListStrategy;
using kyma::kube::MergeSchema;
using nlohmann::json;

namespace {

bool server_owned_metadata(const std::string& key) {
  static const std::set<std::string> keys = {"name",
                                             "namespace",
                                             "uid",
                                             "resourceVersion",
                                             "generation",
                                             "creationTimestamp",
                                             "deletionTimestamp",
                                             "deletionGracePeriodSeconds",
                                             "managedFields",
                                             "selfLink",
                                             "generateName"};
  return keys.count(key) > 0;
}

void walk(const json& value, const MergeSchema& schema, FieldPath& path, std::set<FieldPath>& out);

void walk_list(const json& list, const MergeSchema& parent, const std::string& name,
               FieldPath& path, std::set<FieldPath>& out) {
  ListStrategy strategy = parent.list_strategy(name);
  std::string key = parent.merge_key(name);
  bool keyed = strategy == ListStrategy::kMergeByKey && !key.empty() &&
               std::all_of(list.begin(), list.end(), [&](const json& item) {
                 return item.is_object() && item.contains(key);
               });
  if (keyed) {
    for (const auto& item : list) {
      path.push_back("k:" + json{{key, item[key]}}.dump());
      path.push_back(".");
      out.insert(path);
      path.pop_back();
      walk(item, parent.field(name), path, out);
      path.pop_back();
    }
  } else if (strategy == ListStrategy::kMergeSet) {
    for (const auto& item : list) {
      path.push_back("v:" + item.dump());
      out.insert(path);
      path.pop_back();
    }
  } else {
    out.insert(path);
  }
}

void walk(const json& value, const MergeSchema& schema, FieldPath& path, std::set<FieldPath>& out) {
  for (auto it = value.begin(); it != value.end(); ++it) {
    path.push_back("f:" + it.key());
    if (it->is_object() && !it->empty()) {
      walk(*it, schema.field(it.key()), path, out);
    } else if (it->is_array()) {
      walk_list(*it, schema, it.key(), path, out);
    } else {
      out.insert(path);
    }
    path.pop_back();
  }
}

// The list item a "k:" or "v:" token names, or end().
json::const_iterator find_item(const json& list, const std::string& token) {
  if (!list.is_array()) return list.end();
  json wanted = json::parse(token.substr(2), nullptr, false);
  for (auto it = list.begin(); it != list.end(); ++it) {
    if (token[0] == 'v') {
      if (*it == wanted) return it;
      continue;
    }
    if (!it->is_object() || !wanted.is_object()) continue;
    bool all = true;
    for (const auto& [k, v] : wanted.items())
      if (!it->contains(k) || (*it)[k] != v) all = false;
    if (all) return it;
  }
  return list.end();
}

}  // namespace

FieldSet FieldSet::of_object(const json& object, const MergeSchema& schema, bool status_only) {
  FieldSet set;
  if (!object.is_object()) return set;
  FieldPath path;
  for (auto it = object.begin(); it != object.end(); ++it) {
    const std::string& key = it.key();
    if (key == "apiVersion" || key == "kind") continue;
    if ((key == "status") != status_only) continue;
    path.push_back("f:" + key);
    if (key == "metadata" && it->is_object()) {
      for (auto m = it->begin(); m != it->end(); ++m) {
        if (server_owned_metadata(m.key())) continue;
        path.push_back("f:" + m.key());
        if (m->is_object() && !m->empty()) {
          walk(*m, schema.field("metadata").field(m.key()), path, set.paths_);
        } else if (m->is_array()) {
          walk_list(*m, schema.field("metadata"), m.key(), path, set.paths_);
        } else {
          set.paths_.insert(path);
        }
        path.pop_back();
      }
    } else if (it->is_object() && !it->empty()) {
      walk(*it, schema.field(key), path, set.paths_);
    } else if (it->is_array()) {
      walk_list(*it, schema, key, path, set.paths_);
    } else {
      set.paths_.insert(path);
    }
    path.pop_back();
  }
  return set;
}

FieldSet FieldSet::from_fields_v1(const json& fields) {
  FieldSet set;
  FieldPath path;
  std::function<void(const json&)> visit = [&](const json& node) {
    for (auto it = node.begin(); it != node.end(); ++it) {
      path.push_back(it.key());
      if (it.key() == "." || !it->is_object() || it->empty()) {
        set.paths_.insert(path);
      } else {
        visit(*it);
      }
      path.pop_back();
    }
  };
  if (fields.is_object()) visit(fields);
  return set;
}

json FieldSet::to_fields_v1() const {
  json root = json::object();
  for (const auto& path : paths_) {
    json* node = &root;
    for (const auto& token : path) {
      if (!node->contains(token)) (*node)[token] = json::object();
      node = &(*node)[token];
    }
  }
  return root;
}

FieldSet FieldSet::minus(const FieldSet& other) const {
  FieldSet out;
  std::set_difference(paths_.begin(), paths_.end(), other.paths_.begin(), other.paths_.end(),
                      std::inserter(out.paths_, out.paths_.end()));
  return out;
}

FieldSet FieldSet::intersect(const FieldSet& other) const {
  FieldSet out;
  std::set_intersection(paths_.begin(), paths_.end(), other.paths_.begin(), other.paths_.end(),
                        std::inserter(out.paths_, out.paths_.end()));
  return out;
}

FieldSet FieldSet::merged(const FieldSet& other) const {
  FieldSet out = *this;
  out.paths_.insert(other.paths_.begin(), other.paths_.end());
  return out;
}

const json* value_at(const json& object, const FieldPath& path) {
  const json* node = &object;
  for (const auto& token : path) {
    if (token == ".") return node;
    if (token.rfind("f:", 0) == 0) {
      if (!node->is_object()) return nullptr;
      auto it = node->find(token.substr(2));
      if (it == node->end()) return nullptr;
      node = &*it;
    } else {
      auto it = find_item(*node, token);
      if (it == node->end()) return nullptr;
      node = &*it;
    }
  }
  return node;
}

void remove_at(json& object, const FieldPath& path) {
  if (path.empty()) return;
  std::vector<json*> chain{&object};
  for (size_t i = 0; i + 1 < path.size(); ++i) {
    const std::string& token = path[i];
    json* node = chain.back();
    if (path[i + 1] == "." && token[0] == 'k') {
      // Removing the item itself: handled below, `node` is the list.
      auto it = find_item(*node, token);
      if (it != node->end()) node->erase(static_cast<size_t>(it - node->begin()));
      return;
    }
    if (token.rfind("f:", 0) == 0) {
      if (!node->is_object() || !node->contains(token.substr(2))) return;
      chain.push_back(&(*node)[token.substr(2)]);
    } else {
      auto it = find_item(*node, token);
      if (it == node->end()) return;
      chain.push_back(&(*node)[static_cast<size_t>(it - node->begin())]);
    }
  }
  const std::string& last = path.back();
  json* parent = chain.back();
  if (last.rfind("f:", 0) == 0) {
    if (parent->is_object()) parent->erase(last.substr(2));
  } else if (last[0] == 'v' || last[0] == 'k') {
    auto it = find_item(*parent, last);
    if (it != parent->end()) parent->erase(static_cast<size_t>(it - parent->begin()));
  }
  // Maps emptied by the removal go too (not the object's top level, nor metadata).
  for (size_t i = chain.size() - 1; i >= 2; --i) {
    if (chain[i]->is_object() && chain[i]->empty() && chain[i - 1]->is_object() &&
        path[i - 1].rfind("f:", 0) == 0) {
      chain[i - 1]->erase(path[i - 1].substr(2));
    } else {
      break;
    }
  }
}

std::string describe(const FieldPath& path) {
  std::string out;
  for (const auto& token : path) {
    if (token == ".") continue;
    if (token.rfind("f:", 0) == 0) {
      out += "." + token.substr(2);
    } else if (token[0] == 'k') {
      json key = json::parse(token.substr(2), nullptr, false);
      std::string inside;
      for (const auto& [k, v] : key.items())
        inside += (inside.empty() ? "" : ",") + k + "=" + v.dump();
      out += "[" + inside + "]";
    } else {
      out += "[=" + token.substr(2) + "]";
    }
  }
  return out;
}

}  // namespace fakekube
