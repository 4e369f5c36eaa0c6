// `bigbrotr relay ...`: relay URL tools. `relay parse URL...` prints each URL's canonical
// form and network (nips.md §1), one line per argument, in order.
#include <iostream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "app/commands.hpp"
#include "models/relay.hpp"
#include "models/text_excerpt.hpp"

namespace bigbrotr::app {
namespace {

struct ParseArguments {
  std::vector<std::string> urls;
  bool allow_local = false;
};

int run_parse(const ParseArguments& arguments, std::ostream& out) {
  const models::RelayParseOptions options{.allow_local = arguments.allow_local};
  int exit_code = 0;
  for (const std::string& url : arguments.urls) {
    const auto relay = models::Relay::parse(url, options);
    if (relay) {
      out << relay->url() << ' ' << models::to_string(relay->network()) << '\n';
    } else {
      // The input is echoed cut and with control bytes as \xNN: one short line per URL.
      out << "invalid " << models::excerpt(url) << ": " << relay.reason() << '\n';
      exit_code = 1;
    }
  }
  out.flush();
  return exit_code;
}

void add_parse_subcommand(CLI::App& relay, int& exit_code) {
  CLI::App* parse = relay.add_subcommand("parse", "Canonicalise relay URLs and tell their network");
  parse->footer(
      "Prints '<url> <network>' for each valid URL and 'invalid <input>: <reason>' otherwise,\n"
      "one line per URL, in order. Exits 1 if any URL is invalid.");
  auto arguments = std::make_shared<ParseArguments>();
  parse->add_option("url", arguments->urls, "Relay URLs (ws:// or wss://)")->required();
  parse->add_flag("--allow-local", arguments->allow_local,
                  "Accept localhost and private or reserved IP addresses (keeps their scheme and port)");
  parse->callback([arguments, &exit_code] { exit_code = run_parse(*arguments, std::cout); });
}

}  // namespace

// Creates the `relay` group. Each relay tool is one add_*_subcommand(relay, exit_code)
// call below; a tool that lives in its own file (a later `relay check`) is declared in
// commands.hpp and called from here, so the group is created once, in one place.
void add_relay_command(CLI::App& app, int& exit_code) {
  CLI::App* relay = app.add_subcommand("relay", "Relay URL tools and checks");
  relay->require_subcommand(1);
  add_parse_subcommand(*relay, exit_code);
  add_relay_check_command(*relay, exit_code);
}

}  // namespace bigbrotr::app
