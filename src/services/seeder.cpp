#include "services/seeder.hpp"

#include <fstream>
#include <string_view>
#include <unordered_set>

namespace bigbrotr::services {
namespace {

std::string_view trim(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n\f\v";
  const auto first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(kSpace) - first + 1);
}

}  // namespace

SeedFile read_seed_file(const std::string& path, const models::RelayParseOptions& parse_options,
                        const core::Logger& logger) {
  SeedFile seeds;
  std::ifstream in(path);
  if (!in) {
    logger.warning("seed file unreadable", {{"path", path}});
    return seeds;
  }
  std::unordered_set<std::string> seen;
  std::string line;
  while (std::getline(in, line)) {
    ++seeds.lines;
    const std::string_view text = trim(line);
    if (text.empty() || text.front() == '#') {
      ++seeds.skipped;
      continue;
    }
    auto relay = models::Relay::parse(text, parse_options);
    if (!relay) {
      ++seeds.invalid;
      ++seeds.invalid_reasons[relay.reason()];
      logger.debug("seed line invalid", {{"line", seeds.lines}, {"url", text}, {"reason", relay.reason()}});
      continue;
    }
    if (!seen.insert(relay->url()).second) {
      ++seeds.duplicates;
      continue;
    }
    seeds.relays.push_back(std::move(*relay));
  }
  return seeds;
}

Seeder::Seeder(core::SeederConfig config, models::RelayParseOptions parse_options, core::ServiceContext context)
    : config_(std::move(config)), parse_options_(parse_options), context_(context) {}

void Seeder::run() {
  const auto& logger = context_.logger;
  const SeedFile seeds = read_seed_file(config_.seed_file_path, parse_options_, logger);
  logger.info("seed file read", {{"path", config_.seed_file_path},
                                 {"lines", seeds.lines},
                                 {"valid", seeds.relays.size()},
                                 {"invalid", seeds.invalid},
                                 {"duplicates", seeds.duplicates}});
  for (const auto& [reason, count] : seeds.invalid_reasons) {
    logger.info("seed lines rejected", {{"reason", reason}, {"count", count}});
  }
  if (seeds.relays.empty()) {
    logger.info("no valid relay in the seed file");
    return;
  }
  const std::int64_t now = models::unix_now();
  if (config_.seed_to_validate) {
    const std::size_t added = context_.store.add_candidates(seeds.relays, now);
    logger.info("candidates registered", {{"added", added}, {"already_known", seeds.relays.size() - added}});
  } else {
    const std::size_t inserted = context_.store.insert_relays(seeds.relays);
    logger.info("relays inserted", {{"inserted", inserted}, {"already_known", seeds.relays.size() - inserted}});
  }
}

}  // namespace bigbrotr::services
