#pragma once

#include <string>
#include <string_view>

#include "models/event.hpp"

// The two JSON texts NIP-01 defines for an event, written by hand because the id
// depends on the exact bytes: the serialisation that is hashed into the id, and the
// wire form. Both escape strings the same way (append_json_string).
namespace bigbrotr::models {

// Appends text as a JSON string literal (with the quotes) escaped as NIP-01 and
// JavaScript's JSON.stringify do, so ids match those of real-world clients:
// `"` and `\` are escaped; \b \t \n \f \r use their short forms; every other byte
// below 0x20 becomes \u00xx (lower-case hex); everything else (DEL, U+2028, U+2029,
// all non-ASCII UTF-8) is copied verbatim. text must be valid UTF-8.
void append_json_string(std::string& out, std::string_view text);

// True when text is well-formed UTF-8 as JSON parsers require it: no overlong forms,
// no surrogates (U+D800..U+DFFF), nothing above U+10FFFF.
bool is_valid_utf8(std::string_view text) noexcept;

// Appends tags as a compact JSON array of arrays of strings.
void append_json_tags(std::string& out, const EventTags& tags);

// Appends the text whose SHA-256 is the event id: [0,"<pubkey>",created_at,kind,tags,"content"].
void append_id_serialisation(std::string& out, const Event& event);

// Appends the NIP-01 wire form of event (compact JSON object, NIP-01 field order).
void append_event_json(std::string& out, const Event& event);

}  // namespace bigbrotr::models
