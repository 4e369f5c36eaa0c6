#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "models/event.hpp"

// nostr-tools' verifyEvent, the reference client, as a test oracle: one verdict line
// ("ok <id>" / "invalid <reason>") per NDJSON event, through tests/peers/verify_events.mjs.
// Needs Node and `npm ci` in tests/peers; a failing node process fails the calling test.
namespace bigbrotr::testing {

inline bool nostr_tools_installed() {
  return std::filesystem::exists(std::filesystem::path(BIGBROTR_SOURCE_DIR) /
                                 "tests/peers/node_modules/nostr-tools/package.json");
}

inline std::vector<std::string> nostr_tools_verdicts(const std::string& ndjson) {
  namespace fs = std::filesystem;
  const fs::path input = fs::temp_directory_path() / ("bigbrotr_nostr_tools_" + std::to_string(::getpid()) +
                                                      "_" + std::to_string(std::hash<std::string>{}(ndjson)));
  std::ofstream(input, std::ios::binary) << ndjson;
  const fs::path script = fs::path(BIGBROTR_SOURCE_DIR) / "tests" / "peers" / "verify_events.mjs";
  const std::string command = "node '" + script.string() + "' < '" + input.string() + "'";
  std::vector<std::string> verdicts;
  if (FILE* pipe = ::popen(command.c_str(), "r")) {
    std::string line;
    for (int c = std::fgetc(pipe); c != EOF; c = std::fgetc(pipe)) {
      if (c == '\n') {
        verdicts.push_back(line);
        line.clear();
      } else {
        line.push_back(static_cast<char>(c));
      }
    }
    EXPECT_EQ(::pclose(pipe), 0) << command;
  } else {
    ADD_FAILURE() << "cannot run " << command;
  }
  fs::remove(input);
  return verdicts;
}

inline std::vector<std::string> nostr_tools_verdicts(const std::vector<models::Event>& events) {
  std::string lines;
  for (const auto& event : events) lines += event.to_json() + "\n";
  return nostr_tools_verdicts(lines);
}

}  // namespace bigbrotr::testing
