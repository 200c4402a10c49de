#include "tests/fakekube/protobuf_decoder.hpp"

#include <cstdint>
#include <ctime>
#include <map>
#include <string_view>
#include <vector>

#include "tests/fakekube/api_error.hpp"
#include "tests/fakekube/certificates.hpp"

namespace fakekube {

using nlohmann::json;

const char* const kProtobufContentType = "application/vnd.kubernetes.protobuf";

namespace {

enum class Type {
  kString,
  kInt,
  kBool,
  kBytes,  // base64 in JSON
  kMessage,
  kStringMap,    // map<string, string>
  kBytesMap,     // map<string, bytes>
  kQuantityMap,  // map<string, Quantity>
  kQuantity,
  kTime,
  kIntOrString,
  kSkip,  // decoded nowhere (status of a create)
};

struct Message;

struct Field {
  int number;
  const char* name;
  Type type;
  bool repeated = false;
  const Message* message = nullptr;
  bool keep_zero = false;  // a pointer field in Go: zero is a value, not "unset"
};

struct Message {
  const char* name;
  std::vector<Field> fields;
};

// Field numbers are those of k8s.io/api and k8s.io/apimachinery generated.proto.
extern const Message kObjectMeta, kOwnerReference, kLabelSelector, kLabelSelectorRequirement,
    kPodTemplateSpec, kPodSpec, kContainer, kContainerPort, kEnvVar, kResourceRequirements,
    kObjectReference, kLocalObjectReference, kDeploymentSpec, kDeploymentStrategy,
    kRollingUpdateDeployment, kNamespaceSpec, kResourceAttributes, kNonResourceAttributes,
    kSelfSubjectAccessReviewSpec;

const Message kOwnerReference{"OwnerReference",
                              {{1, "kind", Type::kString},
                               {3, "name", Type::kString},
                               {4, "uid", Type::kString},
                               {5, "apiVersion", Type::kString},
                               {6, "controller", Type::kBool, false, nullptr, true},
                               {7, "blockOwnerDeletion", Type::kBool, false, nullptr, true}}};
const Message kObjectMeta{"ObjectMeta",
                          {{1, "name", Type::kString},
                           {2, "generateName", Type::kString},
                           {3, "namespace", Type::kString},
                           {4, "selfLink", Type::kString},
                           {5, "uid", Type::kString},
                           {6, "resourceVersion", Type::kString},
                           {7, "generation", Type::kInt},
                           {8, "creationTimestamp", Type::kTime},
                           {9, "deletionTimestamp", Type::kTime},
                           {10, "deletionGracePeriodSeconds", Type::kInt, false, nullptr, true},
                           {11, "labels", Type::kStringMap},
                           {12, "annotations", Type::kStringMap},
                           {13, "ownerReferences", Type::kMessage, true, &kOwnerReference},
                           {14, "finalizers", Type::kString, true},
                           {17, "managedFields", Type::kSkip}}};
const Message kLabelSelectorRequirement{"LabelSelectorRequirement",
                                        {{1, "key", Type::kString},
                                         {2, "operator", Type::kString},
                                         {3, "values", Type::kString, true}}};
const Message kLabelSelector{
    "LabelSelector",
    {{1, "matchLabels", Type::kStringMap},
     {2, "matchExpressions", Type::kMessage, true, &kLabelSelectorRequirement}}};
const Message kContainerPort{"ContainerPort",
                             {{1, "name", Type::kString},
                              {2, "hostPort", Type::kInt},
                              {3, "containerPort", Type::kInt},
                              {4, "protocol", Type::kString},
                              {5, "hostIP", Type::kString}}};
const Message kEnvVar{"EnvVar", {{1, "name", Type::kString}, {2, "value", Type::kString}}};
const Message kResourceRequirements{
    "ResourceRequirements",
    {{1, "limits", Type::kQuantityMap}, {2, "requests", Type::kQuantityMap}}};
const Message kContainer{"Container",
                         {{1, "name", Type::kString},
                          {2, "image", Type::kString},
                          {3, "command", Type::kString, true},
                          {4, "args", Type::kString, true},
                          {5, "workingDir", Type::kString},
                          {6, "ports", Type::kMessage, true, &kContainerPort},
                          {7, "env", Type::kMessage, true, &kEnvVar},
                          {8, "resources", Type::kMessage, false, &kResourceRequirements},
                          {13, "terminationMessagePath", Type::kString},
                          {14, "imagePullPolicy", Type::kString},
                          {16, "stdin", Type::kBool},
                          {17, "stdinOnce", Type::kBool},
                          {18, "tty", Type::kBool},
                          {20, "terminationMessagePolicy", Type::kString}}};
const Message kLocalObjectReference{"LocalObjectReference", {{1, "name", Type::kString}}};
const Message kPodSpec{"PodSpec",
                       {{2, "containers", Type::kMessage, true, &kContainer},
                        {3, "restartPolicy", Type::kString},
                        {4, "terminationGracePeriodSeconds", Type::kInt, false, nullptr, true},
                        {5, "activeDeadlineSeconds", Type::kInt, false, nullptr, true},
                        {6, "dnsPolicy", Type::kString},
                        {7, "nodeSelector", Type::kStringMap},
                        {8, "serviceAccountName", Type::kString},
                        {9, "serviceAccount", Type::kString},
                        {10, "nodeName", Type::kString},
                        {11, "hostNetwork", Type::kBool},
                        {12, "hostPID", Type::kBool},
                        {13, "hostIPC", Type::kBool},
                        {15, "imagePullSecrets", Type::kMessage, true, &kLocalObjectReference},
                        {16, "hostname", Type::kString},
                        {17, "subdomain", Type::kString},
                        {19, "schedulerName", Type::kString},
                        {20, "initContainers", Type::kMessage, true, &kContainer},
                        {24, "priorityClassName", Type::kString}}};
const Message kPodTemplateSpec{"PodTemplateSpec",
                               {{1, "metadata", Type::kMessage, false, &kObjectMeta},
                                {2, "spec", Type::kMessage, false, &kPodSpec}}};
const Message kRollingUpdateDeployment{
    "RollingUpdateDeployment",
    {{1, "maxUnavailable", Type::kIntOrString}, {2, "maxSurge", Type::kIntOrString}}};
const Message kDeploymentStrategy{
    "DeploymentStrategy",
    {{1, "type", Type::kString},
     {2, "rollingUpdate", Type::kMessage, false, &kRollingUpdateDeployment}}};
const Message kDeploymentSpec{"DeploymentSpec",
                              {{1, "replicas", Type::kInt, false, nullptr, true},
                               {2, "selector", Type::kMessage, false, &kLabelSelector},
                               {3, "template", Type::kMessage, false, &kPodTemplateSpec},
                               {4, "strategy", Type::kMessage, false, &kDeploymentStrategy},
                               {5, "minReadySeconds", Type::kInt},
                               {6, "revisionHistoryLimit", Type::kInt, false, nullptr, true},
                               {7, "paused", Type::kBool},
                               {9, "progressDeadlineSeconds", Type::kInt, false, nullptr, true}}};
const Message kNamespaceSpec{"NamespaceSpec", {{1, "finalizers", Type::kString, true}}};
const Message kObjectReference{"ObjectReference",
                               {{1, "kind", Type::kString},
                                {2, "namespace", Type::kString},
                                {3, "name", Type::kString},
                                {4, "uid", Type::kString},
                                {5, "apiVersion", Type::kString},
                                {6, "resourceVersion", Type::kString},
                                {7, "fieldPath", Type::kString}}};
const Message kResourceAttributes{"ResourceAttributes",
                                  {{1, "namespace", Type::kString},
                                   {2, "verb", Type::kString},
                                   {3, "group", Type::kString},
                                   {4, "version", Type::kString},
                                   {5, "resource", Type::kString},
                                   {6, "subresource", Type::kString},
                                   {7, "name", Type::kString}}};
const Message kNonResourceAttributes{"NonResourceAttributes",
                                     {{1, "path", Type::kString}, {2, "verb", Type::kString}}};
const Message kSelfSubjectAccessReviewSpec{
    "SelfSubjectAccessReviewSpec",
    {{1, "resourceAttributes", Type::kMessage, false, &kResourceAttributes},
     {2, "nonResourceAttributes", Type::kMessage, false, &kNonResourceAttributes}}};

const Message kNamespace{"Namespace",
                         {{1, "metadata", Type::kMessage, false, &kObjectMeta},
                          {2, "spec", Type::kMessage, false, &kNamespaceSpec},
                          {3, "status", Type::kSkip}}};
const Message kConfigMap{"ConfigMap",
                         {{1, "metadata", Type::kMessage, false, &kObjectMeta},
                          {2, "data", Type::kStringMap},
                          {3, "binaryData", Type::kBytesMap},
                          {4, "immutable", Type::kBool, false, nullptr, true}}};
const Message kSecret{"Secret",
                      {{1, "metadata", Type::kMessage, false, &kObjectMeta},
                       {2, "data", Type::kBytesMap},
                       {3, "type", Type::kString},
                       {4, "stringData", Type::kStringMap},
                       {5, "immutable", Type::kBool, false, nullptr, true}}};
const Message kServiceAccount{
    "ServiceAccount",
    {{1, "metadata", Type::kMessage, false, &kObjectMeta},
     {2, "secrets", Type::kMessage, true, &kObjectReference},
     {3, "imagePullSecrets", Type::kMessage, true, &kLocalObjectReference},
     {4, "automountServiceAccountToken", Type::kBool, false, nullptr, true}}};
const Message kPod{"Pod",
                   {{1, "metadata", Type::kMessage, false, &kObjectMeta},
                    {2, "spec", Type::kMessage, false, &kPodSpec},
                    {3, "status", Type::kSkip}}};
const Message kDeployment{"Deployment",
                          {{1, "metadata", Type::kMessage, false, &kObjectMeta},
                           {2, "spec", Type::kMessage, false, &kDeploymentSpec},
                           {3, "status", Type::kSkip}}};
const Message kSelfSubjectAccessReview{
    "SelfSubjectAccessReview",
    {{1, "metadata", Type::kMessage, false, &kObjectMeta},
     {2, "spec", Type::kMessage, false, &kSelfSubjectAccessReviewSpec},
     {3, "status", Type::kSkip}}};

const std::map<std::string, const Message*>& top_level() {
  static const std::map<std::string, const Message*> kinds = {
      {"v1/Namespace", &kNamespace},
      {"v1/ConfigMap", &kConfigMap},
      {"v1/Secret", &kSecret},
      {"v1/ServiceAccount", &kServiceAccount},
      {"v1/Pod", &kPod},
      {"apps/v1/Deployment", &kDeployment},
      {"authorization.k8s.io/v1/SelfSubjectAccessReview", &kSelfSubjectAccessReview}};
  return kinds;
}

ApiError malformed() {
  return bad_request("the protobuf body of the request is malformed");
}

// One field as read off the wire.
struct WireField {
  int number = 0;
  int wire_type = 0;
  std::uint64_t varint = 0;
  std::string_view bytes;
};

class Reader {
 public:
  explicit Reader(std::string_view data) : data_(data) {}
  bool done() const { return pos_ >= data_.size(); }

  std::uint64_t varint() {
    std::uint64_t value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= data_.size()) throw malformed();
      auto byte = static_cast<unsigned char>(data_[pos_++]);
      value |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
      if (!(byte & 0x80)) return value;
    }
    throw malformed();
  }

  WireField next() {
    WireField f;
    std::uint64_t key = varint();
    f.number = static_cast<int>(key >> 3);
    f.wire_type = static_cast<int>(key & 7);
    switch (f.wire_type) {
      case 0:
        f.varint = varint();
        break;
      case 2: {
        std::uint64_t length = varint();
        if (length > data_.size() - pos_) throw malformed();
        f.bytes = data_.substr(pos_, static_cast<size_t>(length));
        pos_ += static_cast<size_t>(length);
        break;
      }
      case 1:
        skip(8);
        break;
      case 5:
        skip(4);
        break;
      default:
        throw malformed();
    }
    return f;
  }

 private:
  void skip(size_t n) {
    if (n > data_.size() - pos_) throw malformed();
    pos_ += n;
  }
  std::string_view data_;
  size_t pos_ = 0;
};

std::string text(std::string_view bytes) {
  return std::string(bytes.data(), bytes.size());
}

// A map entry: key = 1, value = 2.
std::pair<std::string, std::string_view> map_entry(std::string_view bytes) {
  Reader r(bytes);
  std::string key;
  std::string_view value;
  while (!r.done()) {
    WireField f = r.next();
    if (f.number == 1) key = text(f.bytes);
    if (f.number == 2) value = f.bytes;
  }
  return {key, value};
}

std::string quantity(std::string_view bytes) {
  Reader r(bytes);
  std::string value;
  while (!r.done()) {
    WireField f = r.next();
    if (f.number == 1) value = text(f.bytes);
  }
  return value;
}

json time_value(std::string_view bytes) {
  Reader r(bytes);
  std::int64_t seconds = 0;
  while (!r.done()) {
    WireField f = r.next();
    if (f.number == 1) seconds = static_cast<std::int64_t>(f.varint);
  }
  if (seconds == 0) return nullptr;
  std::time_t t = static_cast<std::time_t>(seconds);
  std::tm utc{};
  gmtime_r(&t, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buffer;
}

json int_or_string(std::string_view bytes) {
  Reader r(bytes);
  std::int64_t type = 0, int_value = 0;
  std::string string_value;
  while (!r.done()) {
    WireField f = r.next();
    if (f.number == 1) type = static_cast<std::int64_t>(f.varint);
    if (f.number == 2) int_value = static_cast<std::int32_t>(f.varint);
    if (f.number == 3) string_value = text(f.bytes);
  }
  return type == 1 ? json(string_value) : json(int_value);
}

json decode(const Message& message, std::string_view bytes) {
  json out = json::object();
  Reader reader(bytes);
  while (!reader.done()) {
    WireField wire = reader.next();
    const Field* field = nullptr;
    for (const auto& f : message.fields)
      if (f.number == wire.number) field = &f;
    if (!field)
      throw unsupported_media_type(
          "application/json, application/yaml (fakekube decodes protobuf only for the fields "
          "kubectl's create commands send; field " +
          std::to_string(wire.number) + " of " + message.name + " is not one of them)");
    json value;
    switch (field->type) {
      case Type::kSkip:
        continue;
      case Type::kString:
        value = text(wire.bytes);
        if (value.get_ref<const std::string&>().empty() && !field->keep_zero && !field->repeated)
          continue;
        break;
      case Type::kInt:
        value = static_cast<std::int64_t>(wire.varint);
        if (wire.varint == 0 && !field->keep_zero) continue;
        break;
      case Type::kBool:
        value = wire.varint != 0;
        if (wire.varint == 0 && !field->keep_zero) continue;
        break;
      case Type::kBytes:
        value = base64_encode(text(wire.bytes));
        break;
      case Type::kMessage:
        value = decode(*field->message, wire.bytes);
        break;
      case Type::kQuantity:
        value = quantity(wire.bytes);
        break;
      case Type::kTime:
        value = time_value(wire.bytes);
        if (value.is_null()) continue;
        break;
      case Type::kIntOrString:
        value = int_or_string(wire.bytes);
        break;
      case Type::kStringMap:
      case Type::kBytesMap:
      case Type::kQuantityMap: {
        auto [key, raw] = map_entry(wire.bytes);
        json& map = out[field->name];
        if (!map.is_object()) map = json::object();
        map[key] = field->type == Type::kStringMap  ? json(text(raw))
                   : field->type == Type::kBytesMap ? json(base64_encode(text(raw)))
                                                    : json(quantity(raw));
        continue;
      }
    }
    if (field->repeated)
      out[field->name].push_back(std::move(value));
    else
      out[field->name] = std::move(value);
  }
  return out;
}

}  // namespace

json decode_protobuf_object(const std::string& body) {
  static const std::string magic("k8s\0", 4);
  if (body.compare(0, magic.size(), magic) != 0) throw malformed();
  Reader envelope(std::string_view(body).substr(magic.size()));
  std::string api_version, kind;
  std::string_view raw;
  while (!envelope.done()) {
    WireField f = envelope.next();
    if (f.number == 1) {
      Reader type_meta(f.bytes);
      while (!type_meta.done()) {
        WireField t = type_meta.next();
        if (t.number == 1) api_version = text(t.bytes);
        if (t.number == 2) kind = text(t.bytes);
      }
    } else if (f.number == 2) {
      raw = f.bytes;
    }
  }
  auto it = top_level().find(api_version + "/" + kind);
  if (it == top_level().end())
    throw unsupported_media_type(
        "application/json, application/yaml (fakekube does not decode protobuf " + kind + " in " +
        api_version + "; send JSON, e.g. with kubectl apply -f)");
  json object = decode(*it->second, raw);
  object["apiVersion"] = api_version;
  object["kind"] = kind;
  return object;
}

}  // namespace fakekube
