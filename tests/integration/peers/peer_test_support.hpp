#pragma once

#include <unistd.h>

#include <boost/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "integration/peers/nostr_test_client.hpp"
#include "models/event.hpp"

// What the peer tests share: a deterministic set of signed events, and reading a relay's
// answer to one REQ.
namespace bigbrotr::testing {

constexpr std::int64_t kBaseTime = 1700000000;
constexpr std::size_t kEventCount = 12;

inline models::SecretKey test_key(std::uint8_t last) {
  models::SecretKey key{};
  key[31] = last;
  return key;
}

// Event i (0..11): created_at kBaseTime + i except events 10 and 11, which share
// kBaseTime + 100 (a tie, broken by id); kind 1 for even i and 7 for odd i; author
// test_key(1) for i < 6 and test_key(2) after; tag ["t", "three"] when i % 3 == 0, else
// ["t", "other"].
inline const std::vector<models::Event>& test_events() {
  static const std::vector<models::Event> events = [] {
    std::vector<models::Event> made;
    for (std::size_t i = 0; i < kEventCount; ++i) {
      const std::int64_t created_at = i >= 10 ? kBaseTime + 100 : kBaseTime + static_cast<std::int64_t>(i);
      made.push_back(models::Event::sign(created_at, i % 2 == 0 ? 1 : 7,
                                         {{"t", i % 3 == 0 ? "three" : "other"}},
                                         "event " + std::to_string(i), test_key(i < 6 ? 1 : 2)));
    }
    return made;
  }();
  return events;
}

// The test events in NIP-01 order: newest first, ties by id ascending.
inline std::vector<std::string> expected_ids_newest_first() {
  std::vector<const models::Event*> sorted;
  for (const auto& event : test_events()) sorted.push_back(&event);
  std::sort(sorted.begin(), sorted.end(), [](const models::Event* a, const models::Event* b) {
    return a->created_at() != b->created_at() ? a->created_at() > b->created_at() : a->id_hex() < b->id_hex();
  });
  std::vector<std::string> ids;
  for (const auto* event : sorted) ids.push_back(event->id_hex());
  return ids;
}

// A file holding the test events as NDJSON, written once per test process and removed
// when it exits.
inline const std::string& test_events_file() {
  struct TempFile {
    std::filesystem::path path;
    ~TempFile() {
      std::error_code ignored;
      std::filesystem::remove(path, ignored);
    }
  };
  static const TempFile file{std::filesystem::temp_directory_path() /
                             ("bigbrotr-peers-" + std::to_string(::getpid()) + ".ndjson")};
  static const std::string path = [] {
    std::ofstream out(file.path, std::ios::binary);
    for (const auto& event : test_events()) out << event.to_json() << "\n";
    if (!out) throw std::runtime_error("cannot write " + file.path.string());
    return file.path.string();
  }();
  return path;
}

// The string in a JSON value, or its JSON text when it is not a string.
inline std::string text_of(const boost::json::value& value) {
  return value.is_string() ? std::string(value.get_string()) : boost::json::serialize(value);
}

inline std::unique_ptr<NostrTestClient> connect_or_throw(const std::string& url) {
  auto client = NostrTestClient::connect(url);
  if (!client) throw std::runtime_error("cannot connect to " + url + ": " + client.reason());
  return std::move(client).value();
}

// Everything a relay said in answer to one REQ, up to its EOSE or CLOSED.
struct Answer {
  std::vector<boost::json::object> events;  // the event objects, in order
  std::vector<std::string> other;           // NOTICEs and other messages, raw
  std::vector<std::string> garbage;         // frames that are not JSON arrays
  std::optional<boost::json::array> end;    // ["EOSE", sub] or ["CLOSED", sub, reason]
  Frame::Kind last = Frame::Kind::text;     // timeout or closed when no end came
  bool clean_close = false;

  std::vector<std::string> ids() const {
    std::vector<std::string> list;
    for (const auto& event : events) {
      const auto* id = event.if_contains("id");
      list.push_back(id != nullptr && id->is_string() ? std::string(id->get_string()) : "");
    }
    return list;
  }
  std::string end_type() const { return end ? std::string((*end)[0].as_string()) : ""; }
  std::string closed_reason() const {
    return end && end->size() > 2 && (*end)[2].is_string() ? std::string((*end)[2].get_string()) : "";
  }
};

// Reads until the subscription's EOSE or CLOSED, the end of the connection or the timeout.
inline Answer read_answer(NostrTestClient& client, const std::string& subscription,
                          std::chrono::milliseconds timeout = 5s) {
  Answer answer;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    Frame frame = client.read(std::max(left, std::chrono::milliseconds(1)));
    if (frame.kind != Frame::Kind::text) {
      answer.last = frame.kind;
      answer.clean_close = frame.clean;
      return answer;
    }
    boost::system::error_code ec;
    boost::json::value value = boost::json::parse(frame.text, ec);
    if (ec || !value.is_array() || value.as_array().empty() || !value.as_array()[0].is_string()) {
      answer.garbage.push_back(frame.text);
      continue;
    }
    auto& message = value.as_array();
    const std::string type(message[0].as_string());
    const bool ours = message.size() > 1 && message[1].is_string() && message[1].as_string() == subscription;
    if (type == "EVENT" && ours && message.size() > 2 && message[2].is_object()) {
      answer.events.push_back(message[2].as_object());
    } else if ((type == "EOSE" || type == "CLOSED") && ours) {
      answer.end = std::move(message);
      return answer;
    } else {
      answer.other.push_back(frame.text);
    }
  }
}

// Sends ["REQ", subscription, filters...] (filters is the JSON text after the id, e.g.
// `{"limit":3}` or `{"kinds":[1]},{"kinds":[7]}`) and reads the answer.
inline Answer query(NostrTestClient& client, const std::string& subscription, const std::string& filters,
                    std::chrono::milliseconds timeout = 5s) {
  if (!client.send("[\"REQ\",\"" + subscription + "\"," + filters + "]"))
    return Answer{{}, {}, {}, {}, Frame::Kind::closed};
  return read_answer(client, subscription, timeout);
}

// Sends an EVENT (or, with type "AUTH", an AUTH) and returns the OK that answers it:
// ["OK", id, accepted, message]; nullopt when none came in time.
inline std::optional<boost::json::array> publish(NostrTestClient& client, const std::string& event_json,
                                                 const std::string& type = "EVENT",
                                                 std::chrono::milliseconds timeout = 5s) {
  if (!client.send("[\"" + type + "\"," + event_json + "]")) return std::nullopt;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    Frame frame = client.read(std::max(left, std::chrono::milliseconds(1)));
    if (frame.kind != Frame::Kind::text) return std::nullopt;
    boost::system::error_code ec;
    boost::json::value value = boost::json::parse(frame.text, ec);
    if (!ec && value.is_array() && value.as_array().size() == 4 && value.as_array()[0] == "OK")
      return value.as_array();
  }
  return std::nullopt;
}

}  // namespace bigbrotr::testing
