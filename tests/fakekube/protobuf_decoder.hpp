#pragma once
// kubectl's typed commands (create namespace|configmap|secret|serviceaccount|deployment, run,
// auth can-i) send protobuf bodies (Content-Type application/vnd.kubernetes.protobuf): the
// "k8s\0" envelope around runtime.Unknown{typeMeta, raw}. This decodes the kinds and fields
// those commands send into the JSON the same command sends with --dry-run=client -o json.
// Anything else is answered 415 with a message naming what could not be decoded, which tells
// the user to send JSON (kubectl apply -f).
#include <string>

#include <nlohmann/json.hpp>

namespace fakekube {

extern const char* const kProtobufContentType;

// Throws ApiError 415 (unsupported kind or field) or 400 (malformed bytes).
nlohmann::json decode_protobuf_object(const std::string& body);

}  // namespace fakekube
