#include "tests/fakekube/object_meta.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>
#include <random>

namespace fakekube {

using nlohmann::json;

namespace {

std::mt19937_64& rng() {
  static std::mt19937_64 engine{std::random_device{}()};
  return engine;
}
std::mutex rng_mutex;

const std::string kAlphabet = "bcdfghjklmnpqrstvwxz2456789";

std::string format_time(bool micro) {
  auto now = std::chrono::system_clock::now();
  std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char buffer[40];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%S", &utc);
  std::string out = buffer;
  if (micro) {
    auto us = std::chrono::duration_cast<std::chrono::microseconds>(now.time_since_epoch()) %
              std::chrono::seconds(1);
    char fraction[16];
    std::snprintf(fraction, sizeof fraction, ".%06ld", static_cast<long>(us.count()));
    out += fraction;
  }
  return out + "Z";
}

}  // namespace

std::string new_uid() {
  std::uint64_t a, b;
  {
    std::lock_guard<std::mutex> lock(rng_mutex);
    a = rng()();
    b = rng()();
  }
  a = (a & 0xffffffffffff0fffULL) | 0x0000000000004000ULL;  // version 4
  b = (b & 0x3fffffffffffffffULL) | 0x8000000000000000ULL;  // variant 10
  char buffer[37];
  std::snprintf(buffer, sizeof buffer, "%08x-%04x-%04x-%04x-%012llx",
                static_cast<unsigned>(a >> 32), static_cast<unsigned>((a >> 16) & 0xffff),
                static_cast<unsigned>(a & 0xffff), static_cast<unsigned>(b >> 48),
                static_cast<unsigned long long>(b & 0xffffffffffffULL));
  return buffer;
}

std::string now_rfc3339() {
  return format_time(false);
}
std::string now_rfc3339_micro() {
  return format_time(true);
}

std::string random_suffix(size_t length) {
  std::lock_guard<std::mutex> lock(rng_mutex);
  std::string out;
  for (size_t i = 0; i < length; ++i) out += kAlphabet[rng()() % kAlphabet.size()];
  return out;
}

std::string safe_hash(const std::string& text) {
  std::uint32_t hash = 2166136261u;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 16777619u;
  }
  std::string digits = std::to_string(hash);
  std::string out;
  for (unsigned char c : digits) out += kAlphabet[c % kAlphabet.size()];
  return out;
}

const json& field(const json& object, const char* pointer) {
  static const json null_value;
  json::json_pointer p(pointer);
  return object.contains(p) ? object.at(p) : null_value;
}

std::string string_at(const json& object, const char* pointer) {
  const json& value = field(object, pointer);
  return value.is_string() ? value.get<std::string>() : std::string();
}

std::string name_of(const json& object) {
  return string_at(object, "/metadata/name");
}
std::string namespace_of(const json& object) {
  return string_at(object, "/metadata/namespace");
}
std::string uid_of(const json& object) {
  return string_at(object, "/metadata/uid");
}

bool is_deleting(const json& object) {
  return !field(object, "/metadata/deletionTimestamp").is_null();
}

json labels_of(const json& object) {
  const json& labels = field(object, "/metadata/labels");
  return labels.is_object() ? labels : json::object();
}

std::vector<std::string> owner_uids(const json& object) {
  std::vector<std::string> out;
  const json& refs = field(object, "/metadata/ownerReferences");
  if (!refs.is_array()) return out;
  for (const auto& ref : refs)
    if (ref.is_object() && ref.contains("uid") && ref["uid"].is_string())
      out.push_back(ref["uid"].get<std::string>());
  return out;
}

json controller_ref(const json& object) {
  const json& refs = field(object, "/metadata/ownerReferences");
  if (!refs.is_array()) return nullptr;
  for (const auto& ref : refs)
    if (ref.is_object() && ref.value("controller", false)) return ref;
  return nullptr;
}

json owner_reference(const json& owner, bool controller) {
  json ref = {{"apiVersion", owner.value("apiVersion", "")},
              {"kind", owner.value("kind", "")},
              {"name", name_of(owner)},
              {"uid", uid_of(owner)}};
  if (controller) {
    ref["controller"] = true;
    ref["blockOwnerDeletion"] = true;
  }
  return ref;
}

}  // namespace fakekube
