#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

// Runs the real `bigbrotr` binary the way a user does (shell, stdin, stdout, stderr,
// exit code), so command tests check the exact text a user sees.
namespace bigbrotr::testing {

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

inline std::string shell_quote(const std::string& text) {
  std::string quoted = "'";
  for (const char c : text) {
    if (c == '\'') {
      quoted += "'\\''";
    } else {
      quoted += c;
    }
  }
  return quoted + "'";
}

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Runs BIGBROTR_BINARY with args; `environment` entries are "NAME=value" (prefixed with
// `env -u NAME` style unsets when written "-NAME"). stdin_text is fed on standard input.
inline CommandResult run_bigbrotr(const std::vector<std::string>& args, const std::string& stdin_text = "",
                                  const std::vector<std::string>& environment = {}) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("bigbrotr-cmd-" + std::to_string(::getpid()) + "-" + std::to_string(std::rand()));
  std::filesystem::create_directories(dir);
  { std::ofstream(dir / "in", std::ios::binary) << stdin_text; }

  std::string command = "env";
  for (const std::string& entry : environment) {
    command += entry.starts_with("-") ? " -u " + shell_quote(entry.substr(1)) : " " + shell_quote(entry);
  }
  command += " " + shell_quote(BIGBROTR_BINARY);
  for (const std::string& arg : args) command += " " + shell_quote(arg);
  command += " <" + shell_quote((dir / "in").string()) + " >" + shell_quote((dir / "out").string()) + " 2>" +
             shell_quote((dir / "err").string());

  CommandResult result;
  const int status = std::system(command.c_str());
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = read_file(dir / "out");
  result.err = read_file(dir / "err");
  std::filesystem::remove_all(dir);
  return result;
}

}  // namespace bigbrotr::testing
