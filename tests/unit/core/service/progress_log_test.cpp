#include "core/service/progress_log.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <thread>

namespace bigbrotr::core {
namespace {

using namespace std::chrono_literals;

std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t found = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++found;
  return found;
}

TEST(ProgressLog, UpdateLogsOnlyWhenALineIsDue) {
  std::ostringstream out;
  const Logger logger("validator", LogLevel::info, LogFormat::text, out);
  ProgressLog progress(logger, "probing", 1s);
  for (int i = 0; i < 100; ++i) progress.update({{"done", i}});
  EXPECT_EQ(count(out.str(), "probing progress"), 0u);
  std::this_thread::sleep_for(1100ms);
  progress.update({{"done", 100}, {"total", 500}});
  progress.update({{"done", 101}});
  EXPECT_EQ(count(out.str(), "probing progress"), 1u);
  EXPECT_NE(out.str().find("done=100 total=500"), std::string::npos);
}

TEST(ProgressLog, DoneAlwaysLogsWithTheElapsedTime) {
  std::ostringstream out;
  const Logger logger("finder", LogLevel::info, LogFormat::text, out);
  ProgressLog progress(logger, "scanning events");
  progress.done({{"relays", 3}});
  EXPECT_NE(out.str().find("scanning events done in 0.0 s relays=3"), std::string::npos) << out.str();
}

}  // namespace
}  // namespace bigbrotr::core
