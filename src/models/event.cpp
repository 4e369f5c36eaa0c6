#include "models/event.hpp"

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parser.hpp>

#include <memory>
#include <stdexcept>
#include <utility>

#include "models/event_json.hpp"
#include "models/hex.hpp"

namespace bigbrotr::models {
namespace {

// NIP-01 field order; also the order in which missing fields are reported.
enum FieldIndex : unsigned { kId, kPubkey, kCreatedAt, kKind, kTags, kContent, kSig, kFieldCount };
constexpr std::string_view kFieldNames[kFieldCount] = {"id",   "pubkey",  "created_at", "kind",
                                                       "tags", "content", "sig"};
constexpr unsigned kAllFields = (1U << kFieldCount) - 1;

// What parse() keeps per thread: the parser (its internal stack keeps its capacity) and
// scratch memory for the DOM, so parsing a typical event allocates nothing. Events that
// do not fit spill over to the heap for that one call.
constexpr std::size_t kScratchBytes = std::size_t{16} * 1024;
struct ParseScratch {
  boost::json::parser parser;
  std::unique_ptr<unsigned char[]> memory = std::make_unique<unsigned char[]>(kScratchBytes);
};

// Returns the parser to default storage before the call's memory resource dies, so a
// half-built value left by a failed parse is never freed through a dangling resource.
struct ParserLease {
  boost::json::parser& parser;
  ~ParserLease() { parser.reset(); }
};

// The id serialisation is rebuilt per event; a per-thread buffer keeps its capacity
// unless one huge event grew it past what is worth keeping.
constexpr std::size_t kKeptSerialisationBytes = 1 << 20;

// The fields while they are read, before an Event exists.
struct Fields {
  Sha256Digest id{};
  XOnlyPublicKey pubkey{};
  SchnorrSignature sig{};
  std::int64_t created_at = 0;
  std::uint16_t kind = 0;
  EventTags tags;
  std::string content;
};

std::string_view view_of(const boost::json::string& text) noexcept { return {text.data(), text.size()}; }

int field_index(std::string_view key) noexcept {
  for (unsigned i = 0; i < kFieldCount; ++i) {
    if (kFieldNames[i] == key) return static_cast<int>(i);
  }
  return -1;
}

std::optional<Failure> read_hex(const boost::json::value& value, std::span<std::uint8_t> out,
                                const char* reason) {
  const auto* text = value.if_string();
  if (text == nullptr || !decode_hex_lower(view_of(*text), out)) return fail(reason);
  return std::nullopt;
}

std::optional<Failure> read_created_at(const boost::json::value& value, std::int64_t& out) {
  // Boost.JSON stores integers up to 2^63-1 as int64, up to 2^64-1 as uint64 and
  // anything larger, fractional or with an exponent as double.
  if (value.is_int64() && value.get_int64() >= 0) {
    out = value.get_int64();
    return std::nullopt;
  }
  if (value.is_uint64() || (value.is_double() && value.get_double() >= 9223372036854775807.0)) {
    return fail("field created_at: out of range");
  }
  return fail("field created_at: expected a non-negative integer");
}

std::optional<Failure> read_kind(const boost::json::value& value, std::uint16_t& out) {
  if (!value.is_int64() || value.get_int64() < 0 || value.get_int64() > 65535) {
    return fail("field kind: expected an integer between 0 and 65535");
  }
  out = static_cast<std::uint16_t>(value.get_int64());
  return std::nullopt;
}

std::optional<Failure> read_tags(const boost::json::value& value, EventTags& out) {
  const char* const reason = "field tags: expected an array of arrays of strings";
  const auto* tags = value.if_array();
  if (tags == nullptr) return fail(reason);
  out.reserve(tags->size());
  for (const auto& tag_value : *tags) {
    const auto* tag = tag_value.if_array();
    if (tag == nullptr) return fail(reason);
    auto& strings = out.emplace_back();
    strings.reserve(tag->size());
    for (const auto& element : *tag) {
      const auto* text = element.if_string();
      if (text == nullptr) return fail(reason);
      strings.emplace_back(view_of(*text));
    }
  }
  return std::nullopt;
}

std::optional<Failure> read_field(Fields& fields, unsigned index, const boost::json::value& value) {
  switch (index) {
    case kId:
      return read_hex(value, fields.id, "field id: expected 64 lower-case hex characters");
    case kPubkey:
      return read_hex(value, fields.pubkey, "field pubkey: expected 64 lower-case hex characters");
    case kSig:
      return read_hex(value, fields.sig, "field sig: expected 128 lower-case hex characters");
    case kCreatedAt:
      return read_created_at(value, fields.created_at);
    case kKind:
      return read_kind(value, fields.kind);
    case kTags:
      return read_tags(value, fields.tags);
    default:
      if (!value.is_string()) return fail("field content: expected a string");
      fields.content = view_of(value.get_string());
      return std::nullopt;
  }
}

std::optional<Failure> check_utf8(const EventTags& tags, std::string_view content) {
  if (!is_valid_utf8(content)) return fail("field content: invalid UTF-8");
  for (const auto& tag : tags) {
    for (const auto& element : tag) {
      if (!is_valid_utf8(element)) return fail("field tags: invalid UTF-8");
    }
  }
  return std::nullopt;
}

}  // namespace

Result<Event> Event::parse(std::string_view json) {
  thread_local ParseScratch scratch;
  boost::json::monotonic_resource memory(scratch.memory.get(), kScratchBytes);
  ParserLease lease{scratch.parser};
  scratch.parser.reset(&memory);
  boost::system::error_code error;
  // write() stops where the text stopped being JSON: that count is the error's offset.
  const std::size_t offset = scratch.parser.write(json.data(), json.size(), error);
  if (error) return fail("malformed JSON at byte " + std::to_string(offset) + ": " + error.message());
  const boost::json::value value = scratch.parser.release();
  const auto* object = value.if_object();
  if (object == nullptr) return fail("not a JSON object");
  return from_json(*object);
}

Result<Event> Event::from_json(const boost::json::object& object) {
  Fields fields;
  unsigned seen = 0;
  for (const auto& field : object) {
    const int index = field_index(field.key());
    if (index < 0) continue;  // Unknown fields are ignored (class comment).
    seen |= 1U << index;
    if (auto failure = read_field(fields, static_cast<unsigned>(index), field.value())) {
      return std::move(*failure);
    }
  }
  if (seen != kAllFields) {
    for (unsigned i = 0; i < kFieldCount; ++i) {
      if ((seen & (1U << i)) == 0) return fail("missing field: " + std::string(kFieldNames[i]));
    }
  }
  Event event;
  event.id_ = fields.id;
  event.pubkey_ = fields.pubkey;
  event.sig_ = fields.sig;
  event.created_at_ = fields.created_at;
  event.kind_ = fields.kind;
  event.tags_ = std::move(fields.tags);
  event.content_ = std::move(fields.content);
  return event;
}

Result<Event> Event::from_fields(const Sha256Digest& id, const XOnlyPublicKey& pubkey,
                                 const SchnorrSignature& sig, std::int64_t created_at, std::uint16_t kind,
                                 EventTags tags, std::string content) {
  if (created_at < 0) return fail("field created_at: expected a non-negative integer");
  if (auto failure = check_utf8(tags, content)) return std::move(*failure);
  Event event;
  event.id_ = id;
  event.pubkey_ = pubkey;
  event.sig_ = sig;
  event.created_at_ = created_at;
  event.kind_ = kind;
  event.tags_ = std::move(tags);
  event.content_ = std::move(content);
  return event;
}

Event Event::sign(std::int64_t created_at, std::uint16_t kind, EventTags tags, std::string content,
                  const SecretKey& secret_key) {
  if (created_at < 0) throw std::invalid_argument("Event::sign: created_at is negative");
  if (auto failure = check_utf8(tags, content))
    throw std::invalid_argument("Event::sign: " + failure->reason);
  const auto pubkey = derive_public_key(secret_key);
  if (!pubkey) throw std::invalid_argument("Event::sign: not a valid secp256k1 secret key");
  Event event;
  event.pubkey_ = *pubkey;
  event.created_at_ = created_at;
  event.kind_ = kind;
  event.tags_ = std::move(tags);
  event.content_ = std::move(content);
  event.id_ = event.compute_id();
  const auto sig = schnorr_sign(event.id_, secret_key);
  if (!sig) throw std::invalid_argument("Event::sign: not a valid secp256k1 secret key");
  event.sig_ = *sig;
  return event;
}

Sha256Digest Event::compute_id() const {
  thread_local std::string serialisation;
  serialisation.clear();
  append_id_serialisation(serialisation, *this);
  const Sha256Digest digest = sha256(serialisation);
  if (serialisation.capacity() > kKeptSerialisationBytes) std::string().swap(serialisation);
  return digest;
}

std::optional<std::string> Event::check() const {
  if (compute_id() != id_) return "id mismatch";
  if (!schnorr_verify(sig_, id_, pubkey_)) return "invalid signature";
  return std::nullopt;
}

std::string Event::to_json() const {
  std::string out;
  append_json(out);
  return out;
}

void Event::append_json(std::string& out) const {
  out.reserve(out.size() + content_.size() + 320);
  append_event_json(out, *this);
}

std::optional<std::string_view> Event::first_tag_value(std::string_view name) const {
  for (const auto& tag : tags_) {
    if (tag.size() >= 2 && tag[0] == name) return tag[1];
  }
  return std::nullopt;
}

std::vector<std::string_view> Event::tag_values(std::string_view name) const {
  std::vector<std::string_view> values;
  for (const auto& tag : tags_) {
    if (tag.size() >= 2 && tag[0] == name) values.emplace_back(tag[1]);
  }
  return values;
}

std::string Event::id_hex() const { return to_hex(id_); }
std::string Event::pubkey_hex() const { return to_hex(pubkey_); }

}  // namespace bigbrotr::models
