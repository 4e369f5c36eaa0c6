#pragma once

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

// A program running in the background (the real `bigbrotr` binary as a service or `run`,
// a Prometheus server), for tests that signal it, scrape it or watch its log. stdout and stderr go to files in a temp folder
// the test can read while it runs; the destructor kills a process still running and
// removes the folder. Every wait is bounded.
namespace bigbrotr::testing {

class BackgroundProcess {
 public:
  // Starts `program` (a path) with `args` in `working_dir`; `environment` adds or
  // replaces "NAME=value" entries of the test's own environment.
  BackgroundProcess(const std::string& program, const std::vector<std::string>& args,
                    const std::filesystem::path& working_dir, const std::vector<std::string>& environment = {}) {
    char pattern[] = "/tmp/bigbrotr-proc-XXXXXX";
    if (::mkdtemp(pattern) == nullptr) throw std::runtime_error("cannot create a temp folder");
    dir_ = pattern;
    // Everything the child needs is built before fork: after it only async-signal-safe calls.
    std::vector<std::string> argv_text{program};
    argv_text.insert(argv_text.end(), args.begin(), args.end());
    std::vector<std::string> env_text = environment;
    for (char** entry = environ; *entry != nullptr; ++entry) {
      const std::string text = *entry;
      const std::string name = text.substr(0, text.find('='));
      bool replaced = false;
      for (const std::string& extra : environment) replaced = replaced || extra.starts_with(name + "=");
      if (!replaced) env_text.push_back(text);
    }
    std::vector<char*> argv = pointers(argv_text);
    std::vector<char*> envp = pointers(env_text);
    const std::string out_path = (dir_ / "out").string();
    const std::string err_path = (dir_ / "err").string();
    const std::string cwd = working_dir.string();
    pid_ = ::fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
      FILE* out = std::freopen(out_path.c_str(), "w", stdout);
      FILE* err = std::freopen(err_path.c_str(), "w", stderr);
      if (out == nullptr || err == nullptr || ::chdir(cwd.c_str()) != 0) ::_exit(127);
      ::execve(argv[0], argv.data(), envp.data());
      ::_exit(127);
    }
  }
  ~BackgroundProcess() {
    if (running()) {
      ::kill(pid_, SIGKILL);
      wait_exit(std::chrono::seconds(10));
    }
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
  BackgroundProcess(const BackgroundProcess&) = delete;
  BackgroundProcess& operator=(const BackgroundProcess&) = delete;

  pid_t pid() const { return pid_; }
  bool running() const { return !exit_code_ && pid_ > 0; }
  void signal(int number) const { ::kill(pid_, number); }

  // The exit code once the process has ended within `limit` (128 + signal when killed).
  std::optional<int> wait_exit(std::chrono::milliseconds limit) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (!exit_code_) {
      int status = 0;
      const pid_t done = ::waitpid(pid_, &status, WNOHANG);
      if (done == pid_) {
        exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      } else if (std::chrono::steady_clock::now() >= deadline) {
        return std::nullopt;
      } else {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
    }
    return exit_code_;
  }

  std::string out() const { return read(dir_ / "out"); }
  std::string err() const { return read(dir_ / "err"); }

  // Waits until stderr contains `text`; false when the limit passed or the process ended
  // without writing it.
  bool wait_for_log(const std::string& text, std::chrono::milliseconds limit) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
      if (err().find(text) != std::string::npos) return true;
      if (wait_exit(std::chrono::milliseconds(0))) return err().find(text) != std::string::npos;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  }

 private:
  static std::vector<char*> pointers(std::vector<std::string>& texts) {
    std::vector<char*> result;
    for (std::string& text : texts) result.push_back(text.data());
    result.push_back(nullptr);
    return result;
  }
  static std::string read(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  }

  std::filesystem::path dir_;
  pid_t pid_ = -1;
  std::optional<int> exit_code_;
};

// `bigbrotr <args>` in the background.
inline std::unique_ptr<BackgroundProcess> start_bigbrotr(const std::vector<std::string>& args,
                                                         const std::filesystem::path& working_dir,
                                                         const std::vector<std::string>& environment = {}) {
  return std::make_unique<BackgroundProcess>(BIGBROTR_BINARY, args, working_dir, environment);
}

}  // namespace bigbrotr::testing
