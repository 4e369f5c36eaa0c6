#include "utils/geo/asn_lookup.hpp"

namespace bigbrotr::utils {

models::Result<std::optional<AsnRecord>> lookup_asn(const MmdbReader& reader, std::string_view ip) {
  auto found = reader.lookup(ip);
  if (!found) return found.failure();
  if (!found->has_value()) return std::optional<AsnRecord>();
  const MmdbRecord& r = **found;
  AsnRecord asn;
  asn.autonomous_system_number = r.unsigned_integer({"autonomous_system_number"});
  asn.autonomous_system_organization = r.string({"autonomous_system_organization"});
  asn.network = r.network();
  return std::optional<AsnRecord>(std::move(asn));
}

}  // namespace bigbrotr::utils
