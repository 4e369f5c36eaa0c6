// Hostile requests to the api on SQLite and PostgreSQL: SQL in values, unknown names,
// absurd numbers, bad encoding, oversized URLs and bodies. Each gets a clear 4xx (or an
// empty page when the value is merely odd) and the database is unchanged.
#include <fcntl.h>
#include <poll.h>

#include <chrono>

#include "integration/api/api_test_support.hpp"

namespace bigbrotr::testing {
namespace {

namespace json = boost::json;

const auto* const kEnvironment = ::testing::AddGlobalTestEnvironment(new PostgresServerEnvironment);

// Sends `request` without blocking while reading the answer, so the server's early
// answer to an oversized request is read before the connection closes. The status
// code, or 0 when none came within 10 s.
int status_of_raw_request(int port, const std::string& request) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0) {
    ::close(fd);
    return 0;
  }
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
  std::size_t sent = 0;
  std::string answer;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (std::chrono::steady_clock::now() < deadline && answer.find("\r\n") == std::string::npos) {
    pollfd events{fd, static_cast<short>(POLLIN | (sent < request.size() ? POLLOUT : 0)), 0};
    if (::poll(&events, 1, 100) <= 0) continue;
    if ((events.revents & POLLIN) != 0) {
      char chunk[4096];
      const ssize_t got = ::recv(fd, chunk, sizeof(chunk), 0);
      if (got <= 0) break;
      answer.append(chunk, static_cast<std::size_t>(got));
    } else if ((events.revents & POLLOUT) != 0) {
      const ssize_t put = ::send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
      if (put > 0) sent += static_cast<std::size_t>(put);
    } else {
      break;
    }
  }
  ::close(fd);
  if (!answer.starts_with("HTTP/1.1 ")) return 0;
  return std::atoi(answer.c_str() + 9);
}

class ApiHostile : public ::testing::TestWithParam<ServiceBackend> {
 protected:
  void SetUp() override {
    harness_ = std::make_unique<ServiceHarness>(database_.url(), models::ServiceName::api);
    fill_known_relays(harness_->store(), 1'765'000'000);
    api_ = std::make_unique<ServedApi>(*harness_, database_.url());
  }

  ApiDatabase database_{GetParam()};
  std::unique_ptr<ServiceHarness> harness_;
  std::unique_ptr<ServedApi> api_;
};

TEST_P(ApiHostile, SqlInValuesIsOnlyAValue) {
  const auto before = harness_->store().counts();
  for (const std::string target : {
           "/v1/relay_uptime?relay_url=%27%3B%20DROP%20TABLE%20relay%3B--",
           "/v1/relay_uptime?status=prefix:%25%27%20OR%201%3D1--",
           "/v1/relays?q=%27%20OR%20%271%27%3D%271",
           "/v1/relays?software=x%22%29%3B%20DELETE%20FROM%20relay%3B--",
           "/v1/relays?country=%5C%27%3B",
           "/v1/relay_uptime/%27%20OR%201%3D1--",
       }) {
    const HttpAnswer answer = api_->get(target);
    EXPECT_TRUE(answer.status == 200 || answer.status == 404) << target << " → " << answer.status << answer.body;
    if (answer.status == 200) {
      EXPECT_EQ(json::parse(answer.body).at("meta").at("total").as_int64(), 0) << target;
    }
  }
  const auto after = harness_->store().counts();
  EXPECT_EQ(after.relays, before.relays);
  EXPECT_EQ(after.relay_statuses, before.relay_statuses);
  EXPECT_EQ(api_->json("/v1/stats").at("data").at("relays").at("total").as_int64(), 7);
}

TEST_P(ApiHostile, BadQueriesAreClear400s) {
  std::string many_filters = "/v1/relay_uptime?";
  for (int i = 0; i < 40; ++i) many_filters += "status=up&";
  const std::vector<std::pair<std::string, std::string>> cases{
      {"/v1/relay_uptime?nope=1", "unknown column 'nope'"},
      {"/v1/relays?nope=1", "unknown parameter 'nope'"},
      {"/v1/relay_uptime?limit=1000000000000", "limit must be an integer between 1 and 1000"},
      {"/v1/relays?limit=1000000000000", "limit must be an integer between 1 and 1000"},
      {"/v1/relay_uptime?offset=-1", "offset must be an integer between 0 and 100000"},
      {"/v1/relays?offset=-1", "offset must be an integer between 0 and 100000"},
      {"/v1/relay_uptime?relay_url=%zz", "bad percent-encoding"},
      {"/v1/relays?q=%4", "bad percent-encoding"},
      {"/v1/relays?q=%00", "bad percent-encoding"},
      {"/v1/relays?sort=uptime_30d%3Bdrop:desc", "sort must be one of"},
      {"/v1/relay_uptime?sort=%22status%22", "unknown sort column"},
      {"/v1/relays?status=sideways", "status must be up, restricted, down or unchecked"},
      {"/v1/relays?nip=eleven", "nip must be a NIP number"},
      {"/v1/relays?requirement=money", "requirement must be auth, payment, pow or writes"},
      {"/v1/relays?network=internet", "network must be clearnet"},
      {"/v1/relays?q=a&q=b", "given twice"},
      {"/v1/relay_uptime?checks_24h=abc", "expected an integer"},
      {many_filters, "at most 32 filters"},
      {"/v1/relays/%zz", "percent-encoded"},
      {"/v1/relays/" + encoded(KnownRelays::up) + "/history?since=-1", "since must be unix seconds"},
      {"/v1/relays/" + encoded(KnownRelays::up) + "/history?type=bogus", "type must be status"},
      {"/v1/relays/" + encoded(KnownRelays::up) + "/history?since=20&until=10", "since must not be after until"},
  };
  for (const auto& [target, message] : cases) {
    const HttpAnswer answer = api_->get(target);
    EXPECT_EQ(answer.status, 400) << target;
    const json::value body = json::parse(answer.body);
    EXPECT_NE(std::string(body.at("error").as_string()).find(message), std::string::npos)
        << target << " → " << answer.body;
    // Nothing of the database leaks into an error.
    EXPECT_EQ(answer.body.find("SELECT"), std::string::npos) << answer.body;
  }
}

TEST_P(ApiHostile, UnknownNamesAre404s) {
  const std::vector<std::string> targets{"/v1/nope", "/v1/schema/nope", "/v1/relays/" + encoded("wss://x.example.com"),
                                         "/v1/relays/wss://path.example.com/nostr/relay?x=1", "/v1/relays/a/b/c",
                                         "/v2/relays"};
  for (const std::string& target : targets) {
    EXPECT_EQ(api_->get(target).status, 404) << target;
  }
}

TEST_P(ApiHostile, OversizedAndWrongRequestsAreRefusedByTheServer) {
  std::string ten_thousand_filters = "/v1/relay_uptime?";
  for (int i = 0; i < 10000; ++i) ten_thousand_filters += "status=up&";
  const int filters = status_of_raw_request(api_->port(), "GET " + ten_thousand_filters + " HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_TRUE(filters == 414 || filters == 431) << filters;
  const std::string megabyte = "/v1/relays?q=" + std::string(1 << 20, 'a');
  const int huge = status_of_raw_request(api_->port(), "GET " + megabyte + " HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_TRUE(huge == 414 || huge == 431) << huge;
  EXPECT_EQ(status_of_raw_request(api_->port(), "POST /v1/relays HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"),
            405);
  EXPECT_EQ(status_of_raw_request(api_->port(), "GET /v1/relays HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"),
            413);
  // The server still answers afterwards.
  EXPECT_EQ(api_->get("/v1/stats").status, 200);
}

INSTANTIATE_TEST_SUITE_P(Backends, ApiHostile, ::testing::Values(ServiceBackend::sqlite, ServiceBackend::postgresql),
                         backend_name);

}  // namespace
}  // namespace bigbrotr::testing
