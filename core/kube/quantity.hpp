#pragma once
// Kubernetes resource quantities ("100m", "1.5", "128Mi", "10G", "1e3"), parsed exactly so that
// two spellings of one amount compare equal, as apimachinery's Quantity.Cmp does.
#include <optional>
#include <string>

namespace kyma::kube {

class Quantity {
 public:
  // nullopt if `text` is not a valid quantity.
  static std::optional<Quantity> parse(const std::string& text);

  // The amount in milli-units, rounded up as Kubernetes' MilliValue() does.
  long long milli_value() const;
  // The amount in whole units, rounded up (Value()).
  long long value() const;
  double as_double() const;

  friend bool operator==(const Quantity& a, const Quantity& b) { return a.nano_ == b.nano_; }
  friend bool operator<(const Quantity& a, const Quantity& b) { return a.nano_ < b.nano_; }

 private:
  explicit Quantity(__int128 nano) : nano_(nano) {}
  __int128 nano_;  // the amount in units of 10^-9
};

}  // namespace kyma::kube
