// The per-event cost of ingest: parse a JSON line, recompute the id, verify the
// signature. BM_RawSecp256k1Verify is the floor (libsecp256k1 alone on pre-parsed
// inputs); BM_ParseIdVerify / BM_RawSecp256k1Verify is how close the whole path gets.
#include <benchmark/benchmark.h>
#include <secp256k1.h>
#include <secp256k1_extrakeys.h>
#include <secp256k1_schnorrsig.h>

#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "models/event.hpp"
#include "models/schnorr.hpp"

namespace {

using bigbrotr::models::Event;
using bigbrotr::models::EventTags;

constexpr std::size_t kEventCount = 1000;

std::string random_content(std::mt19937_64& rng) {
  static const std::vector<std::string> kWords = {"nostr",
                                                  "relay",
                                                  "gm",
                                                  "zap",
                                                  "⚡",
                                                  "😀",
                                                  "bitcoin",
                                                  "the",
                                                  "a",
                                                  "note",
                                                  "of",
                                                  "and",
                                                  "é",
                                                  "日本",
                                                  "\n",
                                                  "\"q\"",
                                                  "https://example.com/image.png",
                                                  "#tag"};
  const std::size_t target = std::uniform_int_distribution<std::size_t>(100, 1000)(rng);
  std::string content;
  while (content.size() < target) {
    content += kWords[rng() % kWords.size()];
    content += ' ';
  }
  return content;
}

EventTags random_tags(std::mt19937_64& rng) {
  static const char kHex[] = "0123456789abcdef";
  EventTags tags;
  const std::size_t count = rng() % 21;
  for (std::size_t i = 0; i < count; ++i) {
    std::string hex(64, '0');
    for (char& c : hex) c = kHex[rng() % 16];
    switch (rng() % 3) {
      case 0:
        tags.push_back({"e", hex, "wss://relay.example.com", "reply"});
        break;
      case 1:
        tags.push_back({"p", hex});
        break;
      default:
        tags.push_back({"t", "topic" + std::to_string(rng() % 100)});
    }
  }
  return tags;
}

bigbrotr::models::SecretKey random_key(std::mt19937_64& rng) {
  bigbrotr::models::SecretKey key{};
  for (auto& byte : key) byte = static_cast<std::uint8_t>(rng());
  key[0] &= 0x7f;  // below the curve order
  return key;
}

// ~1000 events typical of what relays serve: 100-1000 bytes of content, 0-20 tags,
// by `authors` authors picked at random. With 1000 authors no key repeats within the
// per-thread key cache's reach, so the figures are those of cold keys.
struct Corpus {
  std::vector<Event> events;
  std::vector<std::string> lines;

  explicit Corpus(std::size_t authors) {
    std::mt19937_64 rng(20241125);
    std::vector<bigbrotr::models::SecretKey> keys;
    for (std::size_t a = 0; a < authors; ++a) keys.push_back(random_key(rng));
    for (std::size_t i = 0; i < kEventCount; ++i) {
      const auto& key = authors == kEventCount ? keys[i] : keys[rng() % authors];
      events.push_back(Event::sign(1732500000 + static_cast<std::int64_t>(i), 1, random_tags(rng),
                                   random_content(rng), key));
      lines.push_back(events.back().to_json());
    }
  }
};

const Corpus& corpus() {
  static const Corpus instance(kEventCount);
  return instance;
}

// The same shape of events from 100 authors: warm keys, as when one relay's history
// is synchronised.
const Corpus& repeat_author_corpus() {
  static const Corpus instance(100);
  return instance;
}

void BM_Parse(benchmark::State& state) {
  const auto& lines = corpus().lines;
  std::size_t i = 0;
  for (auto _ : state) {
    auto event = Event::parse(lines[i++ % lines.size()]);
    benchmark::DoNotOptimize(event);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

void BM_ComputeId(benchmark::State& state) {
  const auto& events = corpus().events;
  std::size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(events[i++ % events.size()].compute_id());
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

// Event::check(): id recomputation plus signature verification (with key parsing).
void BM_Verify(benchmark::State& state) {
  const auto& events = corpus().events;
  std::size_t i = 0;
  for (auto _ : state) {
    if (events[i++ % events.size()].check()) state.SkipWithError("event did not verify");
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

// schnorr_verify() alone: x-only key parsing plus libsecp256k1 verification.
void BM_SchnorrVerify(benchmark::State& state) {
  const auto& events = corpus().events;
  std::size_t i = 0;
  for (auto _ : state) {
    const Event& event = events[i++ % events.size()];
    benchmark::DoNotOptimize(bigbrotr::models::schnorr_verify(event.sig(), event.id(), event.pubkey()));
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

// The floor: secp256k1_schnorrsig_verify on keys parsed beforehand.
void BM_RawSecp256k1Verify(benchmark::State& state) {
  static secp256k1_context* const ctx = secp256k1_context_create(SECP256K1_CONTEXT_NONE);
  const auto& events = corpus().events;
  std::vector<secp256k1_xonly_pubkey> keys(events.size());
  for (std::size_t k = 0; k < events.size(); ++k) {
    if (secp256k1_xonly_pubkey_parse(ctx, &keys[k], events[k].pubkey().data()) != 1) {
      throw std::runtime_error("bad key in corpus");
    }
  }
  std::size_t i = 0;
  for (auto _ : state) {
    const std::size_t k = i++ % events.size();
    const auto& event = events[k];
    benchmark::DoNotOptimize(
        secp256k1_schnorrsig_verify(ctx, event.sig().data(), event.id().data(), 32, &keys[k]));
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

// The whole per-event path of ingest, from a JSON line to a verdict.
void parse_id_verify(benchmark::State& state, const Corpus& source) {
  const auto& lines = source.lines;
  std::size_t i = 0;
  for (auto _ : state) {
    const auto event = Event::parse(lines[i++ % lines.size()]);
    if (!event.ok() || event->check()) state.SkipWithError("event did not verify");
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

void BM_ParseIdVerify(benchmark::State& state) { parse_id_verify(state, corpus()); }
void BM_ParseIdVerify_100Authors(benchmark::State& state) { parse_id_verify(state, repeat_author_corpus()); }

void setup(const benchmark::State&) {
  corpus();
  repeat_author_corpus();
}

BENCHMARK(BM_Parse)->Setup(setup);
BENCHMARK(BM_ComputeId)->Setup(setup);
BENCHMARK(BM_Verify)->Setup(setup);
BENCHMARK(BM_SchnorrVerify)->Setup(setup);
BENCHMARK(BM_RawSecp256k1Verify)->Setup(setup);
BENCHMARK(BM_ParseIdVerify)->Setup(setup);
BENCHMARK(BM_ParseIdVerify_100Authors)->Setup(setup);
BENCHMARK(BM_RawSecp256k1Verify)->Setup(setup)->Threads(2)->UseRealTime();
BENCHMARK(BM_ParseIdVerify)->Setup(setup)->Threads(2)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
