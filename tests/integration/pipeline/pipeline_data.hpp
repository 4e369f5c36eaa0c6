#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "integration/synchronizer/sync_test_support.hpp"
#include "models/event.hpp"

// The events the suite's relays hold, signed once per run of the suite and served to both
// backends. Every created_at lies in [first, until], an hour in the past: recent enough for
// the npm relay to accept, and before anything the run itself publishes (the monitor's
// events are stamped "now"), so the synchronizer's window covers exactly these events.
namespace bigbrotr::testing {

// The capped relay: 5,000 events over 500 seconds (10 a second) behind a cap of 100 per
// REQ, so the synchronizer must split its windows many times to read them all.
inline constexpr std::size_t kCappedEvents = 5000;
inline constexpr std::int64_t kCappedSeconds = 500;
inline constexpr int kCap = 100;

struct PipelineData {
  std::int64_t first = 0;  // earliest created_at
  std::int64_t until = 0;  // latest possible created_at: the synchronizer's end
  DataSet plain;           // notes with `r` tags, plus the shared notes
  DataSet capped;          // 5,000 of its own
  DataSet hostile;         // notes of its own, plus half of the shared notes
  DataSet npm;             // notes of its own, plus the shared notes (published to it)
};

// `count` kind-1 notes, created_at cycling over [first, first + seconds), tagged `t`;
// with `tagged_urls`, one note in three instead carries an `r` tag naming the next of them
// (NIP-65's relay tag: the finder reads it from the archive's tag index).
inline std::vector<models::Event> notes(const std::string& label, std::size_t count, std::int64_t first,
                                        std::int64_t seconds,
                                        const std::vector<std::string>& tagged_urls = {}) {
  std::vector<models::Event> events;
  for (std::size_t i = 0; i < count; ++i) {
    const std::int64_t created_at = first + static_cast<std::int64_t>(i) % seconds;
    models::EventTags tags{{"t", "bigbrotr"}};
    if (!tagged_urls.empty() && i % 3 == 0) tags = {{"r", tagged_urls[(i / 3) % tagged_urls.size()]}};
    events.push_back(models::Event::sign(created_at, 1, std::move(tags), label + " #" + std::to_string(i),
                                         author_key(i % 7)));
  }
  return events;
}

inline std::vector<models::Event> joined(std::vector<models::Event> head,
                                         const std::vector<models::Event>& tail) {
  head.insert(head.end(), tail.begin(), tail.end());
  return head;
}

// The relays' data. Only the plain relay's notes carry `r` tags (naming `tagged_urls`).
// Shared notes are held by the plain relay, the npm relay and (half of them) the hostile
// one, so one event reaches the archive from several relays and must still be stored once.
inline PipelineData make_pipeline_data(const std::vector<std::string>& tagged_urls) {
  const std::int64_t first = models::unix_now() - 3600;
  const std::int64_t notes_first = first + 100;
  const std::int64_t notes_seconds = 300;
  const auto shared = notes("shared", 20, notes_first, notes_seconds);
  const std::vector<models::Event> shared_with_hostile(shared.begin(), shared.begin() + 10);
  return PipelineData{
      first,
      first + kCappedSeconds,
      save_data_set("pipeline-plain",
                    joined(notes("plain", 45, notes_first, notes_seconds, tagged_urls), shared)),
      make_data_set("pipeline-capped", kCappedEvents, first, kCappedSeconds, 50),
      save_data_set("pipeline-hostile",
                    joined(notes("hostile", 30, notes_first, notes_seconds), shared_with_hostile)),
      save_data_set("pipeline-npm", joined(notes("npm", 30, notes_first, notes_seconds), shared)),
  };
}

}  // namespace bigbrotr::testing
