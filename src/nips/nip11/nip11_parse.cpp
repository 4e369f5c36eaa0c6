#include "nips/nip11/nip11_parse.hpp"

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/parse_options.hpp>

#include <algorithm>
#include <array>
#include <limits>
#include <optional>
#include <utility>

namespace bigbrotr::nips {
namespace {

using boost::json::array;
using boost::json::object;
using boost::json::value;

// Reads typed values and records the path of every value of the wrong type.
class FieldReader {
 public:
  std::vector<std::string> dropped;

  void drop(const std::string& path) { dropped.push_back(path); }

  static std::optional<std::int64_t> as_int(const value& v) {
    // boost::json keeps bool, int64, uint64 and double apart, so `true` and `1.0`
    // never arrive here as integers.
    if (v.is_int64()) return v.get_int64();
    if (v.is_uint64() &&
        v.get_uint64() <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
      return static_cast<std::int64_t>(v.get_uint64());
    return std::nullopt;
  }

  // The member `key` of `parent` if present: typed via `convert`, else dropped.
  template <class T, class Convert>
  std::optional<T> read(const object& parent, std::string_view key, const std::string& path,
                        Convert convert) {
    const value* v = parent.if_contains(key);
    if (v == nullptr) return std::nullopt;
    std::optional<T> typed = convert(*v);
    if (!typed) drop(path);
    return typed;
  }

  std::optional<std::int64_t> read_int(const object& parent, std::string_view key, const std::string& path) {
    return read<std::int64_t>(parent, key, path, as_int);
  }

  std::optional<bool> read_bool(const object& parent, std::string_view key, const std::string& path) {
    return read<bool>(parent, key, path, [](const value& v) {
      return v.is_bool() ? std::optional<bool>(v.get_bool()) : std::nullopt;
    });
  }

  std::optional<std::string> read_string(const object& parent, std::string_view key,
                                         const std::string& path) {
    return read<std::string>(parent, key, path, [](const value& v) {
      return v.is_string() ? std::optional<std::string>(std::string(v.get_string())) : std::nullopt;
    });
  }

  // An array member, or nullptr (absent, or dropped when not an array).
  const array* read_array(const object& parent, std::string_view key, const std::string& path) {
    const value* v = parent.if_contains(key);
    if (v == nullptr) return nullptr;
    if (!v->is_array()) drop(path);
    return v->if_array();
  }

  const object* read_object(const object& parent, std::string_view key, const std::string& path) {
    const value* v = parent.if_contains(key);
    if (v == nullptr) return nullptr;
    if (!v->is_object()) drop(path);
    return v->if_object();
  }

  std::vector<std::int64_t> int_items(const array& items, const std::string& path) {
    std::vector<std::int64_t> out;
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (auto n = as_int(items[i])) {
        out.push_back(*n);
      } else {
        drop(path + "[" + std::to_string(i) + "]");
      }
    }
    return out;
  }

  std::vector<std::string> string_items(const array& items, const std::string& path) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (items[i].is_string()) {
        out.emplace_back(items[i].get_string());
      } else {
        drop(path + "[" + std::to_string(i) + "]");
      }
    }
    return out;
  }
};

std::string indexed(const std::string& path, std::size_t index) {
  return path + "[" + std::to_string(index) + "]";
}

void read_limitation(FieldReader& reader, const object& parent, Nip11Limitation& out) {
  const object* limitation = reader.read_object(parent, "limitation", "limitation");
  if (limitation == nullptr) return;
  const std::array<std::pair<const char*, std::optional<std::int64_t> Nip11Limitation::*>, 10> integers{{
      {"max_message_length", &Nip11Limitation::max_message_length},
      {"max_subscriptions", &Nip11Limitation::max_subscriptions},
      {"max_limit", &Nip11Limitation::max_limit},
      {"max_subid_length", &Nip11Limitation::max_subid_length},
      {"max_event_tags", &Nip11Limitation::max_event_tags},
      {"max_content_length", &Nip11Limitation::max_content_length},
      {"min_pow_difficulty", &Nip11Limitation::min_pow_difficulty},
      {"created_at_lower_limit", &Nip11Limitation::created_at_lower_limit},
      {"created_at_upper_limit", &Nip11Limitation::created_at_upper_limit},
      {"default_limit", &Nip11Limitation::default_limit},
  }};
  for (const auto& [key, member] : integers)
    out.*member = reader.read_int(*limitation, key, std::string("limitation.") + key);
  const std::array<std::pair<const char*, std::optional<bool> Nip11Limitation::*>, 3> flags{{
      {"auth_required", &Nip11Limitation::auth_required},
      {"payment_required", &Nip11Limitation::payment_required},
      {"restricted_writes", &Nip11Limitation::restricted_writes},
  }};
  for (const auto& [key, member] : flags)
    out.*member = reader.read_bool(*limitation, key, std::string("limitation.") + key);
}

// retention[].kinds items: an integer, or a two-integer range.
std::optional<Nip11KindRange> kind_range(const value& item) {
  if (auto single = FieldReader::as_int(item)) return Nip11KindRange{*single, std::nullopt};
  const array* pair = item.if_array();
  if (pair == nullptr || pair->size() != 2) return std::nullopt;
  auto first = FieldReader::as_int((*pair)[0]);
  auto last = FieldReader::as_int((*pair)[1]);
  if (!first || !last) return std::nullopt;
  return Nip11KindRange{*first, *last};
}

void read_retention(FieldReader& reader, const object& parent, std::vector<Nip11Retention>& out) {
  const array* entries = reader.read_array(parent, "retention", "retention");
  if (entries == nullptr) return;
  for (std::size_t i = 0; i < entries->size(); ++i) {
    const std::string path = indexed("retention", i);
    const object* entry = (*entries)[i].if_object();
    if (entry == nullptr) {
      reader.drop(path);
      continue;
    }
    Nip11Retention retention;
    if (const array* kinds = reader.read_array(*entry, "kinds", path + ".kinds")) {
      for (std::size_t k = 0; k < kinds->size(); ++k) {
        if (auto range = kind_range((*kinds)[k])) {
          retention.kinds.push_back(*range);
        } else {
          reader.drop(indexed(path + ".kinds", k));
        }
      }
    }
    retention.time = reader.read_int(*entry, "time", path + ".time");
    retention.count = reader.read_int(*entry, "count", path + ".count");
    if (!retention.kinds.empty() || retention.time || retention.count) out.push_back(std::move(retention));
  }
}

void read_fee_list(FieldReader& reader, const object& fees, const char* key, std::vector<Nip11Fee>& out) {
  const std::string base = std::string("fees.") + key;
  const array* entries = reader.read_array(fees, key, base);
  if (entries == nullptr) return;
  for (std::size_t i = 0; i < entries->size(); ++i) {
    const std::string path = indexed(base, i);
    const object* entry = (*entries)[i].if_object();
    if (entry == nullptr) {
      reader.drop(path);
      continue;
    }
    Nip11Fee fee;
    fee.amount = reader.read_int(*entry, "amount", path + ".amount");
    fee.unit = reader.read_string(*entry, "unit", path + ".unit");
    fee.period = reader.read_int(*entry, "period", path + ".period");
    if (const array* kinds = reader.read_array(*entry, "kinds", path + ".kinds"))
      fee.kinds = reader.int_items(*kinds, path + ".kinds");
    if (fee.amount || fee.unit || fee.period || !fee.kinds.empty()) out.push_back(std::move(fee));
  }
}

void read_strings(FieldReader& reader, const object& root, Nip11Document& doc) {
  const std::array<std::pair<const char*, std::optional<std::string> Nip11Document::*>, 13> strings{{
      {"name", &Nip11Document::name},
      {"description", &Nip11Document::description},
      {"banner", &Nip11Document::banner},
      {"icon", &Nip11Document::icon},
      {"pubkey", &Nip11Document::pubkey},
      {"self", &Nip11Document::self_pubkey},
      {"contact", &Nip11Document::contact},
      {"software", &Nip11Document::software},
      {"version", &Nip11Document::version},
      {"privacy_policy", &Nip11Document::privacy_policy},
      {"terms_of_service", &Nip11Document::terms_of_service},
      {"posting_policy", &Nip11Document::posting_policy},
      {"payments_url", &Nip11Document::payments_url},
  }};
  for (const auto& [key, member] : strings) doc.*member = reader.read_string(root, key, key);
}

void read_lists(FieldReader& reader, const object& root, Nip11Document& doc) {
  if (const array* nips = reader.read_array(root, "supported_nips", "supported_nips")) {
    doc.supported_nips = reader.int_items(*nips, "supported_nips");
    std::sort(doc.supported_nips.begin(), doc.supported_nips.end());
    doc.supported_nips.erase(std::unique(doc.supported_nips.begin(), doc.supported_nips.end()),
                             doc.supported_nips.end());
  }
  const std::array<std::pair<const char*, std::vector<std::string> Nip11Document::*>, 4> lists{{
      {"relay_countries", &Nip11Document::relay_countries},
      {"language_tags", &Nip11Document::language_tags},
      {"tags", &Nip11Document::tags},
      {"attributes", &Nip11Document::attributes},
  }};
  for (const auto& [key, member] : lists) {
    if (const array* items = reader.read_array(root, key, key))
      doc.*member = reader.string_items(*items, key);
  }
}

}  // namespace

std::string_view python_type_name(const value& v) noexcept {
  switch (v.kind()) {
    case boost::json::kind::object:
      return "dict";
    case boost::json::kind::array:
      return "list";
    case boost::json::kind::string:
      return "str";
    case boost::json::kind::int64:
    case boost::json::kind::uint64:
      return "int";
    case boost::json::kind::double_:
      return "float";
    case boost::json::kind::bool_:
      return "bool";
    case boost::json::kind::null:
      break;
  }
  return "NoneType";
}

models::Result<Nip11Parse> parse_nip11_value(const value& v) {
  const object* root = v.if_object();
  if (root == nullptr) return models::fail("Expected dict, got " + std::string(python_type_name(v)));
  FieldReader reader;
  Nip11Parse parsed;
  Nip11Document& doc = parsed.document;
  read_strings(reader, *root, doc);
  read_lists(reader, *root, doc);
  read_limitation(reader, *root, doc.limitation);
  read_retention(reader, *root, doc.retention);
  if (const object* fees = reader.read_object(*root, "fees", "fees")) {
    read_fee_list(reader, *fees, "admission", doc.fees.admission);
    read_fee_list(reader, *fees, "subscription", doc.fees.subscription);
    read_fee_list(reader, *fees, "publication", doc.fees.publication);
  }
  parsed.dropped_fields = std::move(reader.dropped);
  return parsed;
}

models::Result<Nip11Parse> parse_nip11(std::string_view body) {
  boost::json::parse_options options;
  options.max_depth = kNip11MaxJsonDepth;
  boost::system::error_code ec;
  // The parsed tree only lives while the document is read, so a monotonic arena
  // makes the whole parse one allocation pattern instead of thousands.
  boost::json::monotonic_resource arena;
  const value parsed = boost::json::parse(body, ec, &arena, options);
  if (ec) return models::fail("invalid JSON: " + ec.message());
  return parse_nip11_value(parsed);
}

}  // namespace bigbrotr::nips
