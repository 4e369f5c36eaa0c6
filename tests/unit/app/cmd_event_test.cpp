#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "models/event.hpp"
#include "support/run_command.hpp"

namespace bigbrotr::app {
namespace {

using bigbrotr::testing::read_file;
using bigbrotr::testing::run_bigbrotr;
using bigbrotr::testing::shell_quote;
using namespace std::string_literals;

const std::string kSamplePath = BIGBROTR_SOURCE_DIR "/data/sample_events.ndjson";

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (std::size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1) {
    lines.push_back(text.substr(start, end - start));
  }
  if (start < text.size()) lines.push_back(text.substr(start));
  return lines;
}

// The verdicts `bigbrotr event verify` prints for input; the run must succeed.
std::vector<std::string> verdicts_for(const std::string& input) {
  const auto result = run_bigbrotr({"event", "verify"}, input);
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.err, "");
  return split_lines(result.out);
}

models::Event signed_event(std::string content) {
  models::SecretKey key{};
  key.fill(0x11);
  return models::Event::sign(1732500000, 1, {{"t", "x"}}, std::move(content), key);
}

std::string ok_line(const models::Event& event) { return "ok " + event.id_hex(); }

TEST(EventCommand, JudgesEveryLineOfTheBundledSample) {
  const std::string sample = read_file(kSamplePath);
  const auto input = split_lines(sample);
  ASSERT_EQ(input.size(), 14U) << kSamplePath;
  const auto verdicts = verdicts_for(sample);
  ASSERT_EQ(verdicts.size(), input.size());
  EXPECT_EQ(verdicts[3], "invalid invalid signature");
  EXPECT_EQ(verdicts[6], "invalid invalid JSON");
  EXPECT_EQ(verdicts[9], "invalid id mismatch");
  EXPECT_EQ(verdicts[13], "invalid missing field: sig");
  for (std::size_t i : {0, 1, 2, 4, 5, 7, 8, 10, 11, 12}) {
    const auto event = models::Event::parse(input[i]);
    ASSERT_TRUE(event.ok()) << event.reason();
    EXPECT_EQ(verdicts[i], ok_line(*event)) << "line " << i + 1;
  }
}

TEST(EventCommand, KeepsGoingThroughHostileLines) {
  const models::Event good = signed_event("good");
  const std::string input = "\n"s + "   \t\n" + good.to_json() + "\r\n" + "[]\n" + "null\n" + "{}\n" +
                            "{\"content\":\"\xff\xfe\"}\n" + "{\"id\":\"\0\"}\n"s + std::string(5000, '[') +
                            "\n" + "\r\n" + good.to_json() + "\n" +
                            good.to_json();  // the last line has no newline
  const auto verdicts = verdicts_for(input);
  EXPECT_EQ(verdicts, (std::vector<std::string>{"invalid empty line", "invalid empty line", ok_line(good),
                                                "invalid not a JSON object", "invalid not a JSON object",
                                                "invalid missing field: id", "invalid invalid JSON",
                                                "invalid invalid JSON", "invalid invalid JSON",
                                                "invalid empty line", ok_line(good), ok_line(good)}));
}

TEST(EventCommand, RejectsOverlongLineAndCarriesOn) {
  const models::Event good = signed_event("after the long line");
  const std::string input = std::string((std::size_t{17} << 20), 'x') + "\n" + good.to_json() + "\n" +
                            std::string((std::size_t{17} << 20), '{');  // too long at end of input too
  const auto verdicts = verdicts_for(input);
  EXPECT_EQ(verdicts,
            (std::vector<std::string>{"invalid line too long", ok_line(good), "invalid line too long"}));
}

TEST(EventCommand, AcceptsLargeEventBelowTheLineLimit) {
  const models::Event big = signed_event(std::string(std::size_t{15} << 20, 'b'));
  EXPECT_EQ(verdicts_for(big.to_json() + "\n"), std::vector<std::string>{ok_line(big)});
}

TEST(EventCommand, PrintsNothingForEmptyInput) { EXPECT_TRUE(verdicts_for("").empty()); }

TEST(EventCommand, KeepsOrderOverManyLines) {
  const std::string sample = read_file(kSamplePath);
  std::string input;
  for (int i = 0; i < 300; ++i) input += sample;
  const auto once = verdicts_for(sample);
  const auto verdicts = verdicts_for(input);
  ASSERT_EQ(verdicts.size(), once.size() * 300);
  for (std::size_t i = 0; i < verdicts.size(); ++i) ASSERT_EQ(verdicts[i], once[i % once.size()]) << i;
}

TEST(EventCommand, AnswersALineBeforeInputEnds) {
  // A producer that sends one line and keeps its end open must get the verdict at once.
  const std::string command = "{ head -n 1 " + shell_quote(kSamplePath) + "; sleep 2; } | " +
                              shell_quote(BIGBROTR_BINARY) + " event verify";
  const auto start = std::chrono::steady_clock::now();
  FILE* pipe = ::popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  char line[256] = {};
  ASSERT_NE(std::fgets(line, sizeof line, pipe), nullptr);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(::pclose(pipe), 0);
  EXPECT_EQ(std::string(line).substr(0, 3), "ok ");
  EXPECT_LT(elapsed, std::chrono::milliseconds(1500));
}

TEST(EventCommand, RequiresASubcommand) {
  const auto result = run_bigbrotr({"event"});
  EXPECT_NE(result.exit_code, 0);
}

}  // namespace
}  // namespace bigbrotr::app
