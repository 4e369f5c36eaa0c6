#include "models/metadata.hpp"

#include <utility>

#include "models/canonical_json.hpp"

namespace bigbrotr::models {

Result<Metadata> Metadata::create(MetadataType type, const boost::json::value& document) {
  auto sanitized = sanitize_json(document);
  if (!sanitized) return sanitized.failure();
  std::string canonical = to_canonical_json(*sanitized);
  return Metadata(type, std::move(sanitized).value(), std::move(canonical));
}

Metadata::Metadata(MetadataType type, boost::json::value document, std::string canonical_json)
    : type_(type),
      document_(std::move(document)),
      canonical_json_(std::move(canonical_json)),
      id_(sha256(canonical_json_)) {}

}  // namespace bigbrotr::models
