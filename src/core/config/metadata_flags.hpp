#pragma once

#include <array>
#include <cstddef>

#include "core/config/config_reader.hpp"
#include "models/enums.hpp"

namespace bigbrotr::core {

// One value per check type (nip11_info, nip66_rtt, …), written in YAML as a mapping
// keyed by the type's name, e.g. `compute: {nip66_geo: false}`.
template <class T>
class PerMetadataType {
 public:
  static constexpr std::size_t kSize = static_cast<std::size_t>(models::MetadataType::nip66_http) + 1;

  explicit PerMetadataType(const T& value) { values_.fill(value); }

  const T& operator[](models::MetadataType type) const noexcept { return values_[index(type)]; }
  T& operator[](models::MetadataType type) noexcept { return values_[index(type)]; }

  friend bool operator==(const PerMetadataType&, const PerMetadataType&) = default;

 private:
  static std::size_t index(models::MetadataType type) noexcept { return static_cast<std::size_t>(type); }
  std::array<T, kSize> values_;
};

// Which check types a feature covers (compute, store, include).
using MetadataFlags = PerMetadataType<bool>;

// Reads the mapping `key` of `reader` as booleans keyed by check-type name; names that
// are not check types are unknown keys.
void read_metadata_flags(ConfigReader& reader, std::string_view key, MetadataFlags& out);

}  // namespace bigbrotr::core
