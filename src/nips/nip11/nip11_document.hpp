#pragma once

#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

// The NIP-11 relay information document as bigbrotr keeps it (nips.md §3): every field
// of the NIP with its accepted JSON type; what a relay sent in another type is not here.
namespace bigbrotr::nips {

// limitation.* — integers and booleans the relay advertises about itself.
struct Nip11Limitation {
  std::optional<std::int64_t> max_message_length;
  std::optional<std::int64_t> max_subscriptions;
  std::optional<std::int64_t> max_limit;
  std::optional<std::int64_t> max_subid_length;
  std::optional<std::int64_t> max_event_tags;
  std::optional<std::int64_t> max_content_length;
  std::optional<std::int64_t> min_pow_difficulty;
  std::optional<std::int64_t> created_at_lower_limit;
  std::optional<std::int64_t> created_at_upper_limit;
  std::optional<std::int64_t> default_limit;
  std::optional<bool> auth_required;
  std::optional<bool> payment_required;
  std::optional<bool> restricted_writes;
};

// One item of retention[].kinds: a single kind, or an inclusive range [first, last].
struct Nip11KindRange {
  std::int64_t first = 0;
  std::optional<std::int64_t> last;
};

// One retention[] entry.
struct Nip11Retention {
  std::vector<Nip11KindRange> kinds;
  std::optional<std::int64_t> time;
  std::optional<std::int64_t> count;
};

// One entry of fees.admission / fees.subscription / fees.publication.
struct Nip11Fee {
  std::optional<std::int64_t> amount;
  std::optional<std::string> unit;
  std::optional<std::int64_t> period;
  std::vector<std::int64_t> kinds;
};

struct Nip11Fees {
  std::vector<Nip11Fee> admission;
  std::vector<Nip11Fee> subscription;
  std::vector<Nip11Fee> publication;
};

// The whole document. Absent and empty fields are the same thing (the stored form drops
// both). `self_pubkey` is the NIP's `self` key.
struct Nip11Document {
  std::optional<std::string> name;
  std::optional<std::string> description;
  std::optional<std::string> banner;
  std::optional<std::string> icon;
  std::optional<std::string> pubkey;
  std::optional<std::string> self_pubkey;
  std::optional<std::string> contact;
  std::optional<std::string> software;
  std::optional<std::string> version;
  std::optional<std::string> privacy_policy;
  std::optional<std::string> terms_of_service;
  std::optional<std::string> posting_policy;
  std::optional<std::string> payments_url;
  // De-duplicated, ascending.
  std::vector<std::int64_t> supported_nips;
  std::vector<std::string> relay_countries;
  std::vector<std::string> language_tags;
  std::vector<std::string> tags;
  std::vector<std::string> attributes;
  Nip11Limitation limitation;
  std::vector<Nip11Retention> retention;
  Nip11Fees fees;

  // The `data` object of the nip11_info check, with the NIP's key names (`self`).
  // Absent fields are left out; empty arrays/objects are left for the sanitiser to drop.
  boost::json::object to_json() const;
};

}  // namespace bigbrotr::nips
