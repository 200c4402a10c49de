#pragma once
// Continue tokens for limit/continue paging: base64url JSON like the real server's
// ({"v":"meta.k8s.io/v1","rv":N,"start":"<ns>/<name>\u0000"}), plus the expiry generation
// current when the token was issued, so a test can make every token handed out so far expire.
#include <cstdint>
#include <string>

namespace fakekube {

struct ContinuePoint {
  std::uint64_t rv = 0;
  std::string after;  // the last row key returned
  std::uint64_t generation = 0;
};

std::string encode_continue(const ContinuePoint& point);
// Throws ApiError 400 for a token that is not one of ours.
ContinuePoint decode_continue(const std::string& token);

// The real server's 410 text for an expired continue token.
std::string expired_continue_message();

}  // namespace fakekube
