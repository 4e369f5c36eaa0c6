#include "models/event_json.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <string_view>

#include "models/hex.hpp"

namespace bigbrotr::models {
namespace {

using namespace std::string_literals;

std::string escaped(std::string_view text) {
  std::string out;
  append_json_string(out, text);
  return out;
}

Event make_event(std::int64_t created_at, std::uint16_t kind, EventTags tags, std::string content) {
  XOnlyPublicKey pubkey{};
  EXPECT_TRUE(decode_hex_lower("dff1d77f2a671c5f36183726db2341be58feae1da2deced843240f7b502ba659", pubkey));
  auto event = Event::from_fields(Sha256Digest{}, pubkey, SchnorrSignature{}, created_at, kind,
                                  std::move(tags), std::move(content));
  EXPECT_TRUE(event.ok());
  return std::move(event).value();
}

TEST(EventJson, EscapesTheSevenCharactersNip01Names) {
  EXPECT_EQ(escaped("\n"), R"("\n")");
  EXPECT_EQ(escaped("\""), R"("\"")");
  EXPECT_EQ(escaped("\\"), R"("\\")");
  EXPECT_EQ(escaped("\r"), R"("\r")");
  EXPECT_EQ(escaped("\t"), R"("\t")");
  EXPECT_EQ(escaped("\b"), R"("\b")");
  EXPECT_EQ(escaped("\f"), R"("\f")");
}

TEST(EventJson, EscapesOtherControlCharactersAsLowerCaseUnicodeLikeJsonStringify) {
  EXPECT_EQ(escaped("\0"s), R"("\u0000")");
  EXPECT_EQ(escaped("\x01"), R"("\u0001")");
  EXPECT_EQ(escaped("\x0b"), R"("\u000b")");
  EXPECT_EQ(escaped("\x1b"), R"("\u001b")");
  EXPECT_EQ(escaped("\x1f"), R"("\u001f")");
}

TEST(EventJson, CopiesEverythingElseVerbatim) {
  EXPECT_EQ(escaped(""), R"("")");
  EXPECT_EQ(escaped("plain / text"), R"("plain / text")");
  EXPECT_EQ(escaped("\x7f"), "\"\x7f\"");
  EXPECT_EQ(escaped("\u2028\u2029"), "\"\u2028\u2029\"");
  EXPECT_EQ(escaped("😀𝄞é日本"), "\"😀𝄞é日本\"");
  EXPECT_EQ(escaped("</script>"), "\"</script>\"");
}

TEST(EventJson, EscapesInsideLongerText) { EXPECT_EQ(escaped("a\"b\\c\nd\0e"s), R"("a\"b\\c\nd\u0000e")"); }

// The escaper scans 8 bytes at a time; compare it with the plain definition on many
// strings where escapes fall at every offset of a block.
std::string reference_escape(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (byte == '\n' || byte == '\r' || byte == '\t' || byte == '\b' || byte == '\f') {
      out += '\\';
      out += "nrtbf"[std::string_view("\n\r\t\b\f").find(c)];
    } else if (byte < 0x20) {
      char unicode[7];
      std::snprintf(unicode, sizeof unicode, "\\u%04x", byte);
      out += unicode;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

TEST(EventJson, MatchesPlainEscapingAtEveryOffset) {
  const std::string specials = "\"\\\n\x01\x1f\x7f\x20 ~"s + '\0' + "\xc3\xa9";
  for (std::size_t length = 0; length < 40; ++length) {
    for (std::size_t position = 0; position < length; ++position) {
      for (const char special : specials) {
        std::string text(length, 'a');
        text[position] = special;
        ASSERT_EQ(escaped(text), reference_escape(text)) << length << " " << position << " " << int(special);
      }
    }
  }
}

TEST(EventJson, WritesTagsCompactly) {
  std::string out;
  append_json_tags(out, {});
  EXPECT_EQ(out, "[]");
  out.clear();
  append_json_tags(out, {{}, {"e", "x\n"}, {""}});
  EXPECT_EQ(out, R"([[],["e","x\n"],[""]])");
}

// Ids pinned from nostr-tools 2.25 (getEventHash / serializeEvent) for the same fields.
TEST(EventJson, IdSerialisationMatchesNostrTools) {
  const Event hello = make_event(1700000000, 1, {}, "hello");
  std::string text;
  append_id_serialisation(text, hello);
  EXPECT_EQ(
      text,
      R"([0,"dff1d77f2a671c5f36183726db2341be58feae1da2deced843240f7b502ba659",1700000000,1,[],"hello"])");
  EXPECT_EQ(to_hex(hello.compute_id()), "70f3e203595f0b71c1e90e232bca1639120e6655c01ae4edd332479987ab4d19");

  const Event hostile =
      make_event(0, 65535, {{"e", "abc", ""}, {}}, "\n\"\\\r\t\b\f\0\x1f\x7f\u2028\u2029😀é"s);
  text.clear();
  append_id_serialisation(text, hostile);
  EXPECT_EQ(text,
            "[0,\"dff1d77f2a671c5f36183726db2341be58feae1da2deced843240f7b502ba659\",0,65535,"
            "[[\"e\",\"abc\",\"\"],[]],\"\\n\\\"\\\\\\r\\t\\b\\f\\u0000\\u001f\x7f\u2028\u2029😀é\"]");
  EXPECT_EQ(to_hex(hostile.compute_id()), "82ef1ee4d48693e683f38236559418efaa40a4db3dff0729aae857c1af002fb7");
}

TEST(EventJson, WireFormHasNip01FieldOrder) {
  const Event event = make_event(5, 7, {{"t", "x"}}, "+");
  std::string out;
  append_event_json(out, event);
  EXPECT_EQ(out, "{\"id\":\"" + std::string(64, '0') +
                     "\",\"pubkey\":\"dff1d77f2a671c5f36183726db2341be58feae1da2deced843240f7b502ba659\","
                     "\"created_at\":5,\"kind\":7,\"tags\":[[\"t\",\"x\"]],\"content\":\"+\",\"sig\":\"" +
                     std::string(128, '0') + "\"}");
}

TEST(EventJson, AcceptsWellFormedUtf8) {
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8("ascii\0nul"s));
  EXPECT_TRUE(is_valid_utf8("é日😀\u2028\U0010FFFF\uFFFF"));
}

TEST(EventJson, RejectsMalformedUtf8) {
  EXPECT_FALSE(is_valid_utf8("\x80"));              // lone continuation byte
  EXPECT_FALSE(is_valid_utf8("\xc3"));              // truncated 2-byte sequence
  EXPECT_FALSE(is_valid_utf8("\xc0\x80"));          // overlong NUL
  EXPECT_FALSE(is_valid_utf8("\xe0\x80\x80"));      // overlong 3-byte
  EXPECT_FALSE(is_valid_utf8("\xed\xa0\x80"));      // surrogate U+D800
  EXPECT_FALSE(is_valid_utf8("\xf0\x80\x80\x80"));  // overlong 4-byte
  EXPECT_FALSE(is_valid_utf8("\xf4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(is_valid_utf8("\xf5\x80\x80\x80"));  // invalid lead byte
  EXPECT_FALSE(is_valid_utf8("\xe6\x97"));          // truncated 3-byte sequence
  EXPECT_FALSE(is_valid_utf8("ok\xe6\x97x"));       // bad continuation
}

}  // namespace
}  // namespace bigbrotr::models
