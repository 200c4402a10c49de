#include "core/manifest/live_objects.hpp"

#include <set>
#include <tuple>

#include "core/kube/client.hpp"
#include "core/kube/discovery.hpp"

namespace kyma::manifest {
namespace {

std::string group_of(const std::string& api_version) {
  auto slash = api_version.find('/');
  return slash == std::string::npos ? "" : api_version.substr(0, slash);
}

std::string str(const nlohmann::json& object, const nlohmann::json::json_pointer& pointer) {
  return object.value(pointer, std::string());
}

}  // namespace

std::string object_identity(const nlohmann::json& object) {
  return group_of(object.value("apiVersion", "")) + "/" + object.value("kind", "") + "/" +
         str(object, "/metadata/namespace"_json_pointer) + "/" +
         str(object, "/metadata/name"_json_pointer);
}

std::string label_selector(const std::map<std::string, std::string>& labels) {
  std::string out;
  for (const auto& [key, value] : labels) {
    if (!out.empty()) out += ',';
    out += value.empty() ? key : key + "=" + value;
  }
  return out;
}

bool has_labels(const nlohmann::json& object, const std::map<std::string, std::string>& labels) {
  const auto& have = object.value("/metadata/labels"_json_pointer, nlohmann::json::object());
  for (const auto& [key, value] : labels) {
    auto it = have.find(key);
    if (it == have.end() || !it->is_string()) return false;
    if (!value.empty() && it->get<std::string>() != value) return false;
  }
  return true;
}

LiveObjects LiveObjects::read(kube::Client& client, const std::vector<nlohmann::json>& desired,
                              const std::vector<KindRef>& extra_kinds,
                              const std::map<std::string, std::string>& owner_selector) {
  LiveObjects live;
  // Without owner labels there is nothing to list by: every object is read on its own.
  const bool listing = !owner_selector.empty();
  auto listed = [&](const nlohmann::json& object) {
    return listing && has_labels(object, owner_selector);
  };
  std::vector<KindRef> kinds;
  std::set<std::string> seen;
  auto add_kind = [&](const std::string& api_version, const std::string& kind) {
    if (seen.insert(group_of(api_version) + "/" + kind).second)
      kinds.push_back({api_version, kind});
  };
  for (const auto& object : desired) {
    if (listed(object)) add_kind(object.value("apiVersion", ""), object["kind"]);
  }
  if (listing) {
    for (const auto& k : extra_kinds) add_kind(k.api_version, k.kind);
  }

  // All kinds at once: a converged re-run is mostly these reads.
  std::vector<kube::ListRequest> requests;
  for (const auto& k : kinds) {
    kube::ListRequest request{k.api_version, k.kind};
    request.options.label_selector = label_selector(owner_selector);
    requests.push_back(std::move(request));
  }
  live.requests_ += static_cast<int>(requests.size());
  std::vector<std::optional<nlohmann::json>> lists = client.list_all(requests);
  for (size_t i = 0; i < kinds.size(); ++i) {
    if (!lists[i]) continue;  // not served (e.g. EnvoyFilter before Istio's CRDs exist)
    for (auto& item : (*lists[i])["items"]) {
      item["apiVersion"] = kinds[i].api_version;
      item["kind"] = kinds[i].kind;
      live.by_identity_[object_identity(item)] = item;
      live.owned_.push_back(std::move(item));
    }
  }
  // The objects the owner labels do not select: where a namespace holds several of one kind they
  // are listed together, the others read one by one.
  std::map<std::tuple<std::string, std::string, std::string>, std::vector<const nlohmann::json*>>
      unlisted;
  for (const auto& object : desired) {
    if (listed(object)) continue;
    unlisted[{object.value("apiVersion", ""), object.value("kind", ""),
              str(object, "/metadata/namespace"_json_pointer)}]
        .push_back(&object);
  }
  auto remember = [&live](nlohmann::json found, const std::string& api_version,
                          const std::string& kind) {
    found["apiVersion"] = api_version;
    found["kind"] = kind;
    std::string key = object_identity(found);
    live.by_identity_[key] = std::move(found);
  };
  for (const auto& [group, objects] : unlisted) {
    const auto& [api_version, kind, ns] = group;
    try {
      if (objects.size() > 1 && !ns.empty()) {
        ++live.requests_;
        nlohmann::json list = client.list(api_version, kind, ns);
        for (auto& item : list["items"]) {
          remember(std::move(item), api_version, kind);
        }
        continue;
      }
      for (const nlohmann::json* object : objects) {
        ++live.requests_;
        if (auto found = client.try_get(api_version, kind, ns,
                                        str(*object, "/metadata/name"_json_pointer))) {
          remember(std::move(*found), api_version, kind);
        }
      }
    } catch (const kube::NoKindMatchError&) {
      // Not served (yet): none of them exists.
    }
  }
  return live;
}

const nlohmann::json* LiveObjects::find(const nlohmann::json& desired) const {
  auto it = by_identity_.find(object_identity(desired));
  return it == by_identity_.end() ? nullptr : &it->second;
}

}  // namespace kyma::manifest
