// The web page in a real browser: `bigbrotr api` serves a SQLite database holding relays
// in every status (one with 30 days of history, TLS, location and ASN documents, and one
// whose NIP-11 name is markup), and tests/browser/page_test.mjs drives Debian's headless
// chromium over it: the figures, the table's rows and statuses, search and filters, a
// relay page's uptime figures and charts. A console or page error, a failed request or a
// request anywhere but the page's origin fails it. Screenshots stay in the build folder
// (web-page-artifacts/).
#include <filesystem>
#include <fstream>

#include "integration/api/api_test_support.hpp"
#include "support/background_process.hpp"
#include "support/run_command.hpp"

namespace bigbrotr::testing {
namespace {

using namespace std::chrono_literals;

const auto* const kEnvironment = ::testing::AddGlobalTestEnvironment(new PostgresServerEnvironment);

// 30 days of checks every 6 hours before the last day for the relay with a path: a down
// check at the first slot of every fifth day. With the last day's 24 up checks:
// 24 h 24/24, 7 d 47/48, 30 d 134/140.
void add_month_of_history(core::store::Store& store, std::int64_t now) {
  const models::Relay relay = relay_of(KnownRelays::with_path, 1000);
  std::vector<models::RelayStatusRecord> statuses;
  for (int day = 2; day <= 30; ++day) {
    for (int slot = 0; slot < 4; ++slot) {
      const std::int64_t at = now - day * 86400LL + slot * 21600LL + 120;
      const bool down = day % 5 == 0 && slot == 0;
      statuses.push_back({relay, at, down ? models::down_verdict(models::StatusReason::refused, "refused") : models::up_verdict(),
                          down ? std::nullopt : std::optional<std::int64_t>(80 + day), down ? std::nullopt : std::optional<std::int64_t>(40),
                          std::nullopt, {}});
    }
  }
  store.insert_relay_statuses(statuses);
  const auto expires = std::to_string(now + 90 * 86400LL);
  store.insert_relay_metadata(std::vector{
      metadata_of(relay, models::MetadataType::nip11_info,
                  R"({"data": {"name": "Path relay", "software": "nostr-rs-relay", "supported_nips": [1, 11],
                      "limitation": {"max_message_length": 65536}}})",
                  now - 300),
      metadata_of(relay, models::MetadataType::nip66_ssl,
                  (R"({"data": {"ssl_valid": true, "ssl_issuer": "Test CA", "ssl_expires": )" + expires + "}}").c_str(),
                  now - 300),
      metadata_of(relay, models::MetadataType::nip66_geo,
                  R"({"data": {"geo_country": "NL", "geo_city": "Amsterdam", "geo_lat": 52.37, "geo_lon": 4.89}})",
                  now - 300),
      metadata_of(relay, models::MetadataType::nip66_net,
                  R"({"data": {"net_ip": "192.0.2.7", "net_asn": 64500, "net_asn_org": "Example Hosting"}})",
                  now - 300),
      metadata_of(relay_of(KnownRelays::dns, 1000), models::MetadataType::nip11_info,
                  R"({"data": {"name": "<img src=x onerror=alert(1)>"}})", now - 300),
  });
  refresh_api_views(store);
}

constexpr const char* kExpected = R"({
  "stats": {"total": 7, "up": 2, "restricted": 2, "down": 2, "unchecked": 1},
  "relays_total": 7,
  "relays": [
    {"url": "wss://up.example.com", "status": "up"},
    {"url": "wss://path.example.com/nostr/relay", "status": "up"},
    {"url": "wss://auth.example.com", "status": "restricted"},
    {"url": "wss://paid.example.com", "status": "restricted"},
    {"url": "wss://gone.example.com", "status": "down"},
    {"url": "wss://slow.example.com", "status": "down"},
    {"url": "wss://new.example.com", "status": "unchecked"}
  ],
  "literal_texts": {"overview": ["<img src=x onerror=alert(1)>", "Up <b>relay</b>"]},
  "search": {"q": "path.example", "urls": ["wss://path.example.com/nostr/relay"]},
  "filters": [
    {"status": "down", "urls": ["wss://gone.example.com", "wss://slow.example.com"]},
    {"requirement": "payment", "urls": ["wss://paid.example.com"]}
  ],
  "check_sort_by_url": true,
  "relay_page": {
    "url": "wss://path.example.com/nostr/relay",
    "status": "up",
    "uptime_24h": "100.0%",
    "uptime_7d": "97.9%",
    "uptime_30d": "95.7%",
    "contains": {"location": "Amsterdam", "asn": "AS64500", "tls-expiry": "UTC", "nip11-table": "max_message_length"},
    "min_rtt_marks": 3,
    "min_uptime_marks": 30,
    "min_uptime_days": 30
  },
  "missing_relay": "wss://not-known.example.com/x?y=1"
})";

TEST(WebPage, ARealBrowserSeesTheRelaysTheirStatusesAndAMonthOfHistory) {
  const std::filesystem::path driver = std::filesystem::path(BIGBROTR_SOURCE_DIR) / "tests/browser/page_test.mjs";
  ASSERT_TRUE(std::filesystem::exists(std::filesystem::path(BIGBROTR_SOURCE_DIR) / "tests/browser/node_modules"))
      << "run scripts/setup.sh: it installs the browser test driver";
  ASSERT_TRUE(std::filesystem::exists("/usr/bin/chromium")) << "run scripts/setup.sh: it installs chromium";
  const std::int64_t now =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  ApiDatabase database(ServiceBackend::sqlite);
  {
    ServiceHarness harness(database.url(), models::ServiceName::api);
    fill_known_relays(harness.store(), now);
    add_month_of_history(harness.store(), now);
  }
  const std::filesystem::path folder = std::filesystem::temp_directory_path() / ("bigbrotr-web-" + std::to_string(::getpid()));
  std::filesystem::create_directories(folder / "config/services");
  const int port = free_loopback_port();
  std::ofstream(folder / "config/services/api.yaml") << "port: " << port << "\n";
  std::ofstream(folder / "expected.json") << kExpected;
  auto api = start_bigbrotr({"api", "--config", (folder / "config").string(), "--db", database.url()}, folder);
  ASSERT_TRUE(api->wait_for_log("serving the web page", 30s)) << api->err();
  EXPECT_NE(api->err().find("url=http://127.0.0.1:" + std::to_string(port) + "/"), std::string::npos) << api->err();

  const std::filesystem::path artifacts = std::filesystem::current_path() / "web-page-artifacts";
  const std::string command = "node " + shell_quote(driver.string()) + " " +
                              shell_quote("http://127.0.0.1:" + std::to_string(port) + "/") + " " +
                              shell_quote((folder / "expected.json").string()) + " " + shell_quote(artifacts.string()) +
                              " >" + shell_quote((folder / "driver.log").string()) + " 2>&1";
  const int status = std::system(command.c_str());
  const std::string log = read_file(folder / "driver.log");
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << log << "\napi log:\n" << api->err();
  EXPECT_NE(log.find(" 0 failed"), std::string::npos) << log;
  EXPECT_TRUE(std::filesystem::exists(artifacts / "overview.png"));
  EXPECT_TRUE(std::filesystem::exists(artifacts / "relay.png"));
  api->signal(SIGTERM);
  EXPECT_EQ(api->wait_exit(30s), 0) << api->err();
  std::filesystem::remove_all(folder);
}

}  // namespace
}  // namespace bigbrotr::testing
