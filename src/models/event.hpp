#pragma once

#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/result.hpp"
#include "models/schnorr.hpp"
#include "models/sha256.hpp"

namespace bigbrotr::models {

// The tags of an event: a list of tags, each a list of strings (the first is its name).
using EventTags = std::vector<std::vector<std::string>>;

// A Nostr event (NIP-01), well-formed but not necessarily authentic: parse() and
// from_json() check the shape of every field, check() checks the id and signature.
// A value type: copyable, immutable once built, safe to read from many threads.
//
// Choices where NIP-01 leaves room, kept identical to nostr-tools (the reference
// client) wherever it decides:
// - Unknown extra fields are accepted and ignored (relays add none; being lenient
//   there costs nothing since the id covers only the NIP-01 fields). Duplicate keys:
//   the last one wins, as in JavaScript's JSON.parse.
// - Strings must be valid UTF-8 and may not contain lone surrogate escapes
//   ("\ud800"): such input is malformed JSON. NUL and other control characters are
//   valid in content and tags (policy on them belongs to the caller).
// - created_at must be written as an integer (no fraction, no exponent) in
//   [0, 2^63 - 1]; kind as an integer in [0, 65535]. Note that JavaScript clients
//   lose precision above 2^53, so their ids for such events differ from ours.
class Event {
 public:
  // Parses one event from its JSON text. Strict about the seven NIP-01 fields (see
  // the class comment); the failure reason names the first problem found, e.g.
  // "malformed JSON at byte 8: syntax error" (the offset, counted from 0, where parsing
  // stopped and Boost.JSON's reason), "not a JSON object", "missing field: sig",
  // "field id: expected 64 lower-case hex characters". Thread-safe; uses a per-thread
  // parser and scratch memory, so it allocates little beyond the Event itself.
  static Result<Event> parse(std::string_view json);

  // Same checks as parse(), from an already parsed JSON object.
  static Result<Event> from_json(const boost::json::object& object);

  // Builds an event from fields already known to be well-formed (e.g. read back from
  // the database). Fails when created_at is negative. Does not check id or signature.
  static Result<Event> from_fields(const Sha256Digest& id, const XOnlyPublicKey& pubkey,
                                   const SchnorrSignature& sig, std::int64_t created_at, std::uint16_t kind,
                                   EventTags tags, std::string content);

  // Creates and signs an event: derives pubkey from secret_key, computes the id and a
  // BIP-340 signature with fresh auxiliary randomness. Throws std::invalid_argument
  // when secret_key is not a valid secp256k1 key or created_at is negative (both are
  // programming errors: keys are validated when configuration is loaded).
  static Event sign(std::int64_t created_at, std::uint16_t kind, EventTags tags, std::string content,
                    const SecretKey& secret_key);

  // The SHA-256 of the NIP-01 serialisation [0,pubkey,created_at,kind,tags,content],
  // escaped exactly as NIP-01 and JavaScript's JSON.stringify do. What id() must equal.
  Sha256Digest compute_id() const;

  // Why the event is not authentic: "id mismatch" when id() is not compute_id(),
  // "invalid signature" when sig() does not verify against id() and pubkey(); nullopt
  // when it is authentic. Costs one SHA-256 and one signature verification.
  std::optional<std::string> check() const;

  // True when check() finds nothing wrong.
  bool verify() const { return !check().has_value(); }

  // The NIP-01 wire form: one line of compact JSON with the fields in the order
  // id, pubkey, created_at, kind, tags, content, sig. parse(to_json()) == *this.
  std::string to_json() const;

  // Appends to_json() to out (no temporary string).
  void append_json(std::string& out) const;

  // The second element of the first tag whose name is `name`, if any.
  std::optional<std::string_view> first_tag_value(std::string_view name) const;

  // The second element of every tag whose name is `name`, in order. The views point
  // into this event and live as long as it does.
  std::vector<std::string_view> tag_values(std::string_view name) const;

  // The id in lower-case hex (64 characters).
  std::string id_hex() const;
  // The pubkey in lower-case hex (64 characters).
  std::string pubkey_hex() const;

  const Sha256Digest& id() const noexcept { return id_; }
  const XOnlyPublicKey& pubkey() const noexcept { return pubkey_; }
  const SchnorrSignature& sig() const noexcept { return sig_; }
  std::int64_t created_at() const noexcept { return created_at_; }
  std::uint16_t kind() const noexcept { return kind_; }
  const EventTags& tags() const noexcept { return tags_; }
  const std::string& content() const noexcept { return content_; }

  friend bool operator==(const Event&, const Event&) = default;

 private:
  Event() = default;

  Sha256Digest id_{};
  XOnlyPublicKey pubkey_{};
  SchnorrSignature sig_{};
  std::int64_t created_at_ = 0;
  std::uint16_t kind_ = 0;
  EventTags tags_;
  std::string content_;
};

}  // namespace bigbrotr::models
