#pragma once
// Small text helpers the client's parts share (headers, URLs, credential files).
#include <string>

namespace kyma::kube {

std::string lower_ascii(std::string text);
// Without leading and trailing white space.
std::string trim(std::string text);
// URL query and path escaping ("a=b,c" -> "a%3Db%2Cc"): all but RFC 3986's unreserved characters.
std::string url_escape(const std::string& text);
// The whole file; false when it cannot be read.
bool read_file(const std::string& path, std::string& out);

}  // namespace kyma::kube
