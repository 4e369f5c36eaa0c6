// `bigbrotr relay check URL`: runs the NIP-11 and NIP-66 checks on one relay and prints
// their results (nips.md §3–5), as JSON (--json) or as a readable table. A relay that is
// down is a result, not an error: the exit code is 0 whenever the checks ran, 2 for bad
// arguments. Results go to stdout; notes (which key signs the write test, dropped NIP-11
// fields, insecure TLS) go to stderr.
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <chrono>
#include <exception>
#include <iomanip>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/commands.hpp"
#include "models/enums.hpp"
#include "models/relay.hpp"
#include "models/result.hpp"
#include "nips/relay_checks.hpp"
#include "utils/geo/mmdb_reader.hpp"
#include "utils/keys.hpp"

namespace bigbrotr::app {
namespace {

using models::MetadataType;

constexpr int kBadArguments = 2;
constexpr double kMaxTimeoutSeconds = 3600;
// Threads for the blocking checks (ssl, dns, geo, net) of the one relay.
constexpr std::size_t kBlockingThreads = 4;

struct CheckArguments {
  std::string url;
  bool json = false;
  bool allow_local = false;
  bool allow_insecure = false;
  std::vector<std::string> checks;
  std::string geo_city;
  std::string geo_asn;
  std::string dns_server;
  double timeout_seconds = 10.0;
};

// Short names (as in the --checks help) and the stored metadata names are both accepted.
std::optional<MetadataType> parse_check_name(const std::string& name) {
  if (auto type = models::parse_metadata_type(name)) return type;
  if (name == "nip11") return MetadataType::nip11_info;
  if (auto type = models::parse_metadata_type("nip66_" + name)) return type;
  return std::nullopt;
}

models::Result<std::vector<MetadataType>> parse_checks(const std::vector<std::string>& names) {
  if (names.empty()) {
    const auto all = models::all_metadata_types();
    return std::vector<MetadataType>(all.begin(), all.end());
  }
  std::vector<MetadataType> types;
  for (const std::string& name : names) {
    const auto type = parse_check_name(name);
    if (!type)
      return models::fail("unknown check: " + name + " (known: nip11, rtt, ssl, dns, geo, net, http)");
    types.push_back(*type);
  }
  return types;
}

// A database given explicitly must open: a typo should not silently skip the check.
models::Result<std::optional<utils::MmdbReader>> open_database(const std::string& path, const char* option) {
  if (path.empty()) return std::optional<utils::MmdbReader>();
  auto reader = utils::MmdbReader::open(path);
  if (!reader)
    return models::fail(std::string("cannot open ") + option + " " + path + ": " + reader.reason());
  return std::optional<utils::MmdbReader>(std::move(reader).value());
}

// NOSTR_PRIVATE_KEY when set (an invalid one is an error), else a fresh key.
models::Result<utils::Keys> signing_keys(std::ostream& notes) {
  if (!utils::process_environment("NOSTR_PRIVATE_KEY").value_or("").empty()) {
    auto keys = utils::Keys::from_environment("NOSTR_PRIVATE_KEY");
    if (!keys) return models::fail("NOSTR_PRIVATE_KEY: " + keys.reason());
    notes << "note: the rtt write test is signed with NOSTR_PRIVATE_KEY (" << keys->npub() << ")\n";
    return keys;
  }
  utils::Keys generated = utils::Keys::generate();
  notes << "note: NOSTR_PRIVATE_KEY is not set; the rtt write test is signed with a freshly generated key ("
        << generated.npub() << ")\n";
  return generated;
}

nips::RelayCheckReport run_checks(const models::Relay& relay, std::vector<MetadataType> types,
                                  nips::RelayCheckOptions options) {
  boost::asio::io_context io;
  boost::asio::thread_pool blocking(kBlockingThreads);
  nips::RelayCheckReport report;
  std::exception_ptr failure;
  boost::asio::co_spawn(io, nips::run_relay_checks(relay, std::move(types), std::move(options), blocking),
                        [&](std::exception_ptr error, nips::RelayCheckReport done) {
                          failure = std::move(error);
                          report = std::move(done);
                        });
  io.run();
  blocking.join();
  if (failure) std::rethrow_exception(failure);
  return report;
}

void print_json(const models::Relay& relay, const nips::RelayCheckReport& report, std::ostream& out) {
  boost::json::object document;
  document["relay"] = relay.url();
  for (const auto& [type, result] : report.results) document[models::to_string(type)] = result.to_json();
  out << boost::json::serialize(document) << '\n';
}

std::string value_text(const boost::json::value& value) {
  if (value.is_string()) return std::string(value.get_string());
  return boost::json::serialize(value);
}

std::string phase_reason(const nips::CheckResult& result, const std::string& phase) {
  const auto* reason = result.logs.if_contains(phase + "_reason");
  return reason != nullptr && reason->is_string() ? std::string(reason->get_string()) : std::string();
}

// "ok", "failed: <reason>", or per phase for rtt: "open ok, read failed: <reason>, ...".
// A failed open fails every phase with the same reason, so it is shown once.
std::string status_text(const nips::CheckResult& result) {
  if (!result.logs.contains("open_success")) return result.succeeded() ? "ok" : "failed: " + result.reason();
  if (!result.succeeded()) return "failed: " + phase_reason(result, "open");
  std::string text;
  for (const char* phase : {"open", "read", "write"}) {
    const auto* success = result.logs.if_contains(std::string(phase) + "_success");
    if (success == nullptr) continue;
    if (!text.empty()) text += ", ";
    text += std::string(phase) + (success->as_bool() ? " ok" : " failed: " + phase_reason(result, phase));
  }
  return text;
}

void print_table(const models::Relay& relay, const nips::RelayCheckReport& report, std::ostream& out) {
  constexpr int kNameWidth = 12;
  constexpr int kFieldWidth = 20;
  out << std::left << std::setw(kNameWidth) << "relay" << relay.url() << '\n';
  for (const auto& [type, result] : report.results) {
    out << std::setw(kNameWidth) << models::to_string(type) << status_text(result) << '\n';
    for (const auto& [key, value] : result.data)
      out << "  " << std::setw(kFieldWidth) << std::string(key) << value_text(value) << '\n';
  }
}

void print_notes(const nips::RelayCheckReport& report, std::ostream& notes) {
  if (!report.nip11_dropped_fields.empty()) {
    notes << "note: the NIP-11 document had " << report.nip11_dropped_fields.size()
          << " value(s) of the wrong type, dropped:";
    for (const std::string& path : report.nip11_dropped_fields) notes << ' ' << path;
    notes << '\n';
  }
  if (report.insecure) notes << "note: reached over the insecure TLS fallback (certificate not verified)\n";
}

int run_check(const CheckArguments& arguments) {
  const auto relay = models::Relay::parse(arguments.url, models::RelayParseOptions{arguments.allow_local});
  if (!relay) {
    std::cerr << "bigbrotr: invalid relay URL: " << relay.reason() << '\n';
    return kBadArguments;
  }
  auto types = parse_checks(arguments.checks);
  if (!types) {
    std::cerr << "bigbrotr: " << types.reason() << '\n';
    return kBadArguments;
  }
  if (!(arguments.timeout_seconds > 0 && arguments.timeout_seconds <= kMaxTimeoutSeconds)) {
    std::cerr << "bigbrotr: --timeout must be in (0, " << kMaxTimeoutSeconds << "] seconds\n";
    return kBadArguments;
  }
  auto city = open_database(arguments.geo_city, "--geo-city");
  auto asn = open_database(arguments.geo_asn, "--geo-asn");
  for (const auto* database : {&city, &asn}) {
    if (!*database) {
      std::cerr << "bigbrotr: " << database->reason() << '\n';
      return kBadArguments;
    }
  }

  nips::RelayCheckOptions options;
  options.timeout = std::chrono::milliseconds(static_cast<std::int64_t>(arguments.timeout_seconds * 1000));
  options.transport.allow_local = arguments.allow_local;
  options.transport.allow_insecure = arguments.allow_insecure;
  options.transport.dns_server = arguments.dns_server;
  options.city_database = city->has_value() ? &**city : nullptr;
  options.asn_database = asn->has_value() ? &**asn : nullptr;
  if (std::find(types->begin(), types->end(), MetadataType::nip66_rtt) != types->end()) {
    auto keys = signing_keys(std::cerr);
    if (!keys) {
      std::cerr << "bigbrotr: " << keys.reason() << '\n';
      return kBadArguments;
    }
    options.keys = std::move(keys).value();
  }

  const nips::RelayCheckReport report = run_checks(*relay, std::move(types).value(), std::move(options));
  print_notes(report, std::cerr);
  if (arguments.json) {
    print_json(*relay, report, std::cout);
  } else {
    print_table(*relay, report, std::cout);
  }
  std::cout.flush();
  return 0;
}

}  // namespace

void add_relay_check_command(CLI::App& relay, int& exit_code) {
  CLI::App* check = relay.add_subcommand("check", "Run the NIP-11 and NIP-66 checks on one relay");
  check->footer(
      "Exits 0 when the checks ran, whatever they found (a relay that is down is a result), and 2 for\n"
      "bad arguments. The rtt write test is signed with NOSTR_PRIVATE_KEY, or a fresh key when unset.");
  auto arguments = std::make_shared<CheckArguments>();
  check->add_option("url", arguments->url, "Relay URL (ws:// or wss://)")->required();
  check->add_flag("--json", arguments->json, "Print one JSON object: the relay URL and one member per check");
  check->add_flag("--allow-local", arguments->allow_local,
                  "Accept and connect to localhost and private or reserved IP addresses");
  check->add_option("--checks", arguments->checks, "Checks to run (default: all)")
      ->delimiter(',')
      ->type_name("nip11,rtt,ssl,dns,geo,net,http");
  check->add_option("--geo-city", arguments->geo_city, "GeoLite2-City database for the geo check");
  check->add_option("--geo-asn", arguments->geo_asn, "GeoLite2-ASN database for the net check");
  check->add_option("--timeout", arguments->timeout_seconds, "Network timeout per check, seconds")
      ->capture_default_str();
  check->add_option(
      "--dns-server", arguments->dns_server,
      "DNS server (ip or ip:port) for the relay's name, for every check (default: the system's)");
  check->add_flag("--allow-insecure", arguments->allow_insecure,
                  "After a certificate failure, retry once without verification (noted on stderr)");
  check->callback([arguments, &exit_code] { exit_code = run_check(*arguments); });
}

}  // namespace bigbrotr::app
