#pragma once

#include <boost/json/value.hpp>
#include <string>

#include "models/enums.hpp"
#include "models/result.hpp"
#include "models/sha256.hpp"

namespace bigbrotr::models {

// One check document (a NIP-11 document or a NIP-66 measurement), content-addressed:
// id = SHA-256 of the canonical JSON of the sanitised document. The type is not hashed;
// it is part of the stored key (id, type), so identical bytes under two types stay two
// rows, and identical results of one type share a row.
class Metadata {
 public:
  // Sanitises and serialises document; fails when a string or key contains NUL.
  static Result<Metadata> create(MetadataType type, const boost::json::value& document);

  MetadataType type() const noexcept { return type_; }
  // The canonical JSON text: what is hashed and what is stored as the document.
  const std::string& canonical_json() const noexcept { return canonical_json_; }
  const Sha256Digest& id() const noexcept { return id_; }
  // The sanitised document.
  const boost::json::value& document() const noexcept { return document_; }

  bool operator==(const Metadata& other) const noexcept { return type_ == other.type_ && id_ == other.id_; }

 private:
  Metadata(MetadataType type, boost::json::value document, std::string canonical_json);

  MetadataType type_;
  boost::json::value document_;
  std::string canonical_json_;
  Sha256Digest id_;
};

}  // namespace bigbrotr::models
