#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
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
  EXPECT_TRUE(verdicts[6].starts_with("invalid malformed JSON at byte ")) << verdicts[6];
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
                                                "invalid missing field: id",
                                                "invalid malformed JSON at byte 12: syntax error",
                                                "invalid malformed JSON at byte 7: syntax error",
                                                "invalid malformed JSON at byte 32: too deep",
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
  // The producer holds its output open until the test releases it through a FIFO (or gives
  // up after 60 s). If the verdict only came at end of input, the producer would have given
  // up by the time the line arrives, and the FIFO would have no reader left. No clock is
  // compared, so a slow machine cannot fail this test.
  const auto fifo = std::filesystem::temp_directory_path() / ("bigbrotr-fifo-" + std::to_string(::getpid()));
  std::filesystem::remove(fifo);
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  const std::string command = "{ head -n 1 " + shell_quote(kSamplePath) + "; timeout 60 cat " +
                              shell_quote(fifo.string()) + " >/dev/null; } | " + shell_quote(BIGBROTR_BINARY) +
                              " event verify";
  FILE* pipe = ::popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  char line[256] = {};
  ASSERT_NE(std::fgets(line, sizeof line, pipe), nullptr);
  const int release = ::open(fifo.c_str(), O_WRONLY | O_NONBLOCK);
  const bool producer_still_waiting = release >= 0;
  if (release >= 0) ::close(release);
  EXPECT_EQ(::pclose(pipe), 0);
  std::filesystem::remove(fifo);
  EXPECT_EQ(std::string(line).substr(0, 3), "ok ");
  EXPECT_TRUE(producer_still_waiting) << "the verdict arrived only after the input ended";
}

TEST(EventCommand, RequiresASubcommand) {
  const auto result = run_bigbrotr({"event"});
  EXPECT_NE(result.exit_code, 0);
}

}  // namespace
}  // namespace bigbrotr::app
