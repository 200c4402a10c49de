#pragma once
// Small text helpers the client's parts share (headers, URLs, credential files), and the quoting
// that error messages and the YAML writer share.
#include <string>

namespace kyma::kube {

std::string lower_ascii(std::string text);
// Without leading and trailing white space.
std::string trim(std::string text);
// URL query and path escaping ("a=b,c" -> "a%3Db%2Cc"): all but RFC 3986's unreserved characters.
std::string url_escape(const std::string& text);
// The whole file; false when it cannot be read.
bool read_file(const std::string& path, std::string& out);
// In double quotes with \" \\ \n \t \r and \xhh for other control characters: Go's %q for
// ASCII text (the API server's messages) and a valid YAML double-quoted scalar.
std::string double_quoted(const std::string& text);

}  // namespace kyma::kube
