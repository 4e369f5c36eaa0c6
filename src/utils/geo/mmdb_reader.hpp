#pragma once

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "models/result.hpp"

struct MMDB_s;

// A MaxMind DB file (GeoLite2-City, GeoLite2-ASN, or one written for tests) opened with
// libmaxminddb, and the record of one address in it.
namespace bigbrotr::utils {

class MmdbReader;

// The data record found for an address, valid while its reader lives. Getters follow a
// path of map keys / array indices ("location", "latitude") and return nullopt when the
// path is missing or the value has another type.
class MmdbRecord {
 public:
  std::optional<std::string> string(std::initializer_list<const char*> path) const;
  std::optional<std::uint64_t> unsigned_integer(std::initializer_list<const char*> path) const;
  std::optional<double> floating(std::initializer_list<const char*> path) const;
  std::optional<bool> boolean(std::initializer_list<const char*> path) const;
  // The number of elements of an array (nullopt when not an array).
  std::optional<std::size_t> array_size(std::initializer_list<const char*> path) const;

  // The network that contains the address, as CIDR text ("1.2.3.0/24", "2001:db8::/32"),
  // from the prefix length of the lookup.
  const std::string& network() const noexcept { return network_; }

 private:
  friend class MmdbReader;
  const MMDB_s* database_ = nullptr;
  std::uint32_t offset_ = 0;
  std::string network_;
};

// An open database (RAII: the file is mapped until the reader is destroyed). Lookups
// only read the mapping, so one reader may serve many threads at once. Move-only.
class MmdbReader {
 public:
  // Opens and memory-maps a database; fails with libmaxminddb's message.
  static models::Result<MmdbReader> open(const std::string& path);

  MmdbReader(MmdbReader&&) noexcept = default;
  MmdbReader& operator=(MmdbReader&&) noexcept = default;
  MmdbReader(const MmdbReader&) = delete;
  MmdbReader& operator=(const MmdbReader&) = delete;
  ~MmdbReader() = default;

  // The record of an IP address: nullopt when the database has none; fails when the
  // text is not an IP address or the database is corrupt.
  models::Result<std::optional<MmdbRecord>> lookup(std::string_view ip) const;

  // metadata.database_type, e.g. "GeoLite2-City".
  std::string database_type() const;

 private:
  struct Close {
    void operator()(MMDB_s* database) const noexcept;
  };
  explicit MmdbReader(std::unique_ptr<MMDB_s, Close> database) : database_(std::move(database)) {}
  std::unique_ptr<MMDB_s, Close> database_;
};

}  // namespace bigbrotr::utils
