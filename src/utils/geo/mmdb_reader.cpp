#include "utils/geo/mmdb_reader.hpp"

#include <maxminddb.h>

#include <array>
#include <vector>

#include "models/ip_literal.hpp"

namespace bigbrotr::utils {
namespace {

// Follows `path` from the record's entry; has_data false when anything is missing.
MMDB_entry_data_s value_at(const MMDB_s* database, std::uint32_t offset,
                           std::initializer_list<const char*> path) {
  MMDB_entry_data_s data{};
  MMDB_entry_s entry{database, offset};
  std::vector<const char*> keys(path);
  keys.push_back(nullptr);
  if (database == nullptr || MMDB_aget_value(&entry, &data, keys.data()) != MMDB_SUCCESS)
    data.has_data = false;
  return data;
}

// Applies the prefix length to the address: "203.0.113.0/24".
std::string network_text(const models::IpLiteral& ip, int prefix) {
  models::IpLiteral network = ip;
  const int bits = ip.family == models::IpLiteral::Family::v4 ? 32 : 128;
  for (int bit = std::max(prefix, 0); bit < bits; ++bit) {
    network.bytes[static_cast<std::size_t>(bit / 8)] &= static_cast<std::uint8_t>(~(0x80u >> (bit % 8)));
  }
  return network.to_string() + "/" + std::to_string(prefix);
}

}  // namespace

void MmdbReader::Close::operator()(MMDB_s* database) const noexcept {
  MMDB_close(database);
  delete database;
}

models::Result<MmdbReader> MmdbReader::open(const std::string& path) {
  std::unique_ptr<MMDB_s, Close> database(new MMDB_s{});
  const int status = MMDB_open(path.c_str(), MMDB_MODE_MMAP, database.get());
  if (status != MMDB_SUCCESS) {
    delete database.release();  // nothing was opened, so MMDB_close must not run
    std::string reason = MMDB_strerror(status);
    if (status == MMDB_FILE_OPEN_ERROR || status == MMDB_IO_ERROR) reason += ": " + path;
    return models::fail(reason);
  }
  return MmdbReader(std::move(database));
}

models::Result<std::optional<MmdbRecord>> MmdbReader::lookup(std::string_view ip) const {
  const auto literal = models::parse_ip_literal(ip);
  if (!literal)
    return models::fail("'" + std::string(ip) + "' does not appear to be an IPv4 or IPv6 address");
  const std::string text = literal->to_string();
  int gai_error = 0;
  int mmdb_error = MMDB_SUCCESS;
  const MMDB_lookup_result_s found =
      MMDB_lookup_string(database_.get(), text.c_str(), &gai_error, &mmdb_error);
  if (gai_error != 0) return models::fail("invalid IP address: " + text);
  if (mmdb_error != MMDB_SUCCESS) return models::fail(MMDB_strerror(mmdb_error));
  if (!found.found_entry) return std::optional<MmdbRecord>();
  MmdbRecord record;
  record.database_ = database_.get();
  record.offset_ = found.entry.offset;
  int prefix = found.netmask;
  // An IPv4 address in an IPv6 tree sits under ::/96, so its netmask counts those bits.
  if (literal->family == models::IpLiteral::Family::v4 && database_->metadata.ip_version == 6) prefix -= 96;
  record.network_ = network_text(*literal, prefix);
  return std::optional<MmdbRecord>(std::move(record));
}

std::string MmdbReader::database_type() const {
  const char* type = database_->metadata.database_type;
  return type != nullptr ? type : "";
}

std::optional<std::string> MmdbRecord::string(std::initializer_list<const char*> path) const {
  const auto data = value_at(database_, offset_, path);
  if (!data.has_data || data.type != MMDB_DATA_TYPE_UTF8_STRING) return std::nullopt;
  return std::string(data.utf8_string, data.data_size);
}

std::optional<std::uint64_t> MmdbRecord::unsigned_integer(std::initializer_list<const char*> path) const {
  const auto data = value_at(database_, offset_, path);
  if (!data.has_data) return std::nullopt;
  switch (data.type) {
    case MMDB_DATA_TYPE_UINT16:
      return data.uint16;
    case MMDB_DATA_TYPE_UINT32:
      return data.uint32;
    case MMDB_DATA_TYPE_UINT64:
      return data.uint64;
    case MMDB_DATA_TYPE_INT32:
      if (data.int32 >= 0) return static_cast<std::uint64_t>(data.int32);
      return std::nullopt;
    default:
      return std::nullopt;
  }
}

std::optional<double> MmdbRecord::floating(std::initializer_list<const char*> path) const {
  const auto data = value_at(database_, offset_, path);
  if (!data.has_data) return std::nullopt;
  if (data.type == MMDB_DATA_TYPE_DOUBLE) return data.double_value;
  if (data.type == MMDB_DATA_TYPE_FLOAT) return data.float_value;
  return std::nullopt;
}

std::optional<bool> MmdbRecord::boolean(std::initializer_list<const char*> path) const {
  const auto data = value_at(database_, offset_, path);
  if (!data.has_data || data.type != MMDB_DATA_TYPE_BOOLEAN) return std::nullopt;
  return data.boolean;
}

std::optional<std::size_t> MmdbRecord::array_size(std::initializer_list<const char*> path) const {
  const auto data = value_at(database_, offset_, path);
  if (!data.has_data || data.type != MMDB_DATA_TYPE_ARRAY) return std::nullopt;
  return data.data_size;
}

}  // namespace bigbrotr::utils
