#include "integration/transport/test_server.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <boost/json.hpp>

#include <atomic>
#include <mutex>
#include <thread>

#include "models/event.hpp"
#include "utils/keys.hpp"

// Paths:
//   WebSocket   /, /relay   NIP-01 relay: REQ -> one EVENT + EOSE, EVENT -> OK true
//               /auth       sends AUTH first; REQ -> CLOSED auth-required, EVENT -> OK false
//                           auth-required, until a valid kind 22242 AUTH arrives
//               /closed     REQ -> CLOSED "error: ..."      /notice  REQ -> NOTICE only
//               /silent     upgrades, then never answers    /garbage junk, then EOSE
//               /oversized  REQ -> a 100 KiB message        /drop    REQ -> half a frame, close
//               /hugeheader REQ -> a frame header claiming 2^40 bytes, 100 KiB of it, stall
//   HTTP        /ok (small JSON), /big (2 MiB, Content-Length), /chunked (2 MiB in 4 KiB
//               chunks), /chunked-small (4 KiB chunked), /loop (302 to itself),
//               /r1../r4 (chain of 302s ending at /ok), /reject (403 even for upgrades),
//               /to/<location> (302 to <location>, the rest of the path percent-decoded),
//               /bigheader (200 with a 100 KiB header),
//               /hang (never answers), anything else 404.
namespace bigbrotr::testing {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace json = boost::json;
namespace ssl = asio::ssl;
using asio::ip::tcp;
constexpr auto kNoThrow = asio::as_tuple(asio::use_awaitable);

}  // namespace

struct TestServer::Impl {
  asio::io_context context;
  tcp::acceptor acceptor{context};
  std::optional<ssl::context> tls;
  std::thread thread;
  mutable std::mutex mutex;
  std::vector<std::string> received;
  std::atomic<int> connections{0};
  models::Event event = models::Event::sign(1700000000, 1, {}, "hello from the test relay",
                                            utils::Keys::generate().secret_key());

  void record(std::string text) {
    std::lock_guard lock(mutex);
    received.push_back(std::move(text));
  }
};

namespace {

asio::awaitable<void> wait_forever() {
  asio::steady_timer timer(co_await asio::this_coro::executor, std::chrono::minutes(5));
  co_await timer.async_wait(kNoThrow);
}

template <class Ws>
asio::awaitable<void> send(Ws& ws, std::string text) {
  ws.text(true);
  co_await ws.async_write(asio::buffer(text), kNoThrow);
}

template <class Ws>
asio::awaitable<void> send_raw(Ws& ws, std::string bytes, bool close = true) {
  co_await asio::async_write(beast::get_lowest_layer(ws).socket(), asio::buffer(bytes), kNoThrow);
  if (!close) co_return;
  beast::error_code ignored;
  beast::get_lowest_layer(ws).socket().close(ignored);
}

std::string closed(const std::string& sub, const std::string& why) {
  return json::serialize(json::array{"CLOSED", json::string(sub), json::string(why)});
}

template <class Ws>
asio::awaitable<void> answer_req(TestServer::Impl& impl, Ws& ws, const std::string& path,
                                 const std::string& sub, bool authed) {
  const std::string event_message = R"(["EVENT",")" + sub + "\"," + impl.event.to_json() + "]";
  const std::string eose = R"(["EOSE",")" + sub + "\"]";
  if (path == "/" || path == "/relay" || (path == "/auth" && authed)) {
    co_await send(ws, event_message);
    co_await send(ws, eose);
  } else if (path == "/auth") {
    co_await send(ws, closed(sub, "auth-required: sign in first"));
  } else if (path == "/closed") {
    co_await send(ws, closed(sub, "error: not today"));
  } else if (path == "/notice") {
    co_await send(ws, R"(["NOTICE","hello"])");
  } else if (path == "/garbage") {
    for (const char* junk :
         {"not json", "{}", "[1,2]", R"(["EVENT"])", R"(["EVENT","x",{"id":1}])",
          R"(["COUNT","x",{"count":1}])", R"(["OK",1,2,3])", "[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]"}) {
      co_await send(ws, junk);
    }
    co_await send(ws, eose);
  } else if (path == "/oversized") {
    co_await send(ws, R"(["NOTICE",")" + std::string(100 * 1024, 'x') + "\"]");
  } else if (path == "/drop") {
    // A text frame announcing 4096 bytes (16-bit length) followed by 3 of them.
    co_await send_raw(ws, std::string("\x81\x7e\x10\x00"
                                      "abc",
                                      7));
  } else if (path == "/hugeheader") {
    // A text frame announcing 2^40 bytes (64-bit length); no payload follows.
    const std::string header("\x81\x7f\x00\x00\x01\x00\x00\x00\x00\x00", 10);
    co_await send_raw(ws, header + std::string(100 * 1024, 'x'), false);
    co_await wait_forever();  // stay up: the client must refuse it on the header alone
  }
}

std::string ok(const std::string& id, bool accepted, const std::string& why) {
  return json::serialize(json::array{"OK", json::string(id), accepted, json::string(why)});
}

bool is_valid_auth(const json::array& message, const std::string& challenge) {
  if (message.size() < 2 || !message[1].is_object()) return false;
  auto event = models::Event::from_json(message[1].as_object());
  return event && event->kind() == 22242 && event->first_tag_value("challenge") == challenge &&
         event->verify();
}

template <class Ws>
asio::awaitable<void> relay_loop(TestServer::Impl& impl, Ws& ws, std::string path) {
  const std::string challenge = "challenge-" + std::to_string(impl.connections.load());
  bool authed = false;
  if (path == "/auth") co_await send(ws, R"(["AUTH",")" + challenge + "\"]");
  for (int round = 0; round < 1000; ++round) {
    beast::flat_buffer buffer;
    auto [ec, size] = co_await ws.async_read(buffer, kNoThrow);
    if (ec) co_return;
    std::string text = beast::buffers_to_string(buffer.data());
    impl.record(text);
    json::error_code parse_ec;
    json::value value = json::parse(text, parse_ec);
    if (parse_ec || !value.is_array() || value.as_array().empty() || !value.as_array()[0].is_string())
      continue;
    const json::array& message = value.as_array();
    const std::string type(message[0].as_string());
    if (type == "REQ" && message.size() > 1 && message[1].is_string()) {
      co_await answer_req(impl, ws, path, std::string(message[1].as_string()), authed);
      if (path == "/drop" || path == "/hugeheader") co_return;
    } else if (type == "EVENT" && message.size() > 1 && message[1].is_object()) {
      auto event = models::Event::from_json(message[1].as_object());
      const std::string id = event ? event->id_hex() : "";
      const bool refuse = path == "/auth" && !authed;
      // Named first: g++ 12 mishandles temporaries of a ?: inside a co_await expression.
      const std::string why = refuse ? "auth-required: sign in first" : "";
      co_await send(ws, ok(id, !refuse, why));
    } else if (type == "AUTH") {
      authed = is_valid_auth(message, challenge);
      auto event = models::Event::from_json(message[1].as_object());
      const std::string id = event ? event->id_hex() : "";
      co_await send(ws, ok(id, authed, ""));
    }
  }
}

template <class Stream>
asio::awaitable<void> serve_websocket(TestServer::Impl& impl, Stream stream,
                                      http::request<http::string_body> request) {
  websocket::stream<Stream> ws(std::move(stream));
  ws.set_option(websocket::stream_base::decorator([](websocket::response_type& response) {
    response.set(http::field::server, "bigbrotr-test-relay");
    response.set("X-Powered-By", "beast");
  }));
  auto [ec] = co_await ws.async_accept(request, kNoThrow);
  if (ec) co_return;
  const std::string path(request.target());
  if (path == "/silent") {
    co_await wait_forever();
    co_return;
  }
  co_await relay_loop(impl, ws, path);
}

template <class Stream>
asio::awaitable<void> write_chunked(Stream& stream, int chunks, std::size_t chunk_size) {
  http::response<http::empty_body> response{http::status::ok, 11};
  response.chunked(true);
  http::response_serializer<http::empty_body> serializer{response};
  auto [ec, n] = co_await http::async_write_header(stream, serializer, kNoThrow);
  const std::string chunk(chunk_size, 'c');
  for (int i = 0; i < chunks && !ec; ++i) {
    std::tie(ec, n) = co_await asio::async_write(stream, http::make_chunk(asio::buffer(chunk)), kNoThrow);
  }
  if (!ec) co_await asio::async_write(stream, http::make_chunk_last(), kNoThrow);
}

// %XX escapes decoded (URLs whose brackets cannot stand in a path as they are).
std::string percent_decoded(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      out += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

template <class Stream>
asio::awaitable<void> serve_http(Stream& stream, const std::string& path) {
  if (path == "/hang") co_return co_await wait_forever();
  if (path == "/chunked") co_return co_await write_chunked(stream, 512, 4096);
  if (path == "/chunked-small") co_return co_await write_chunked(stream, 4, 1024);
  http::response<http::string_body> response{http::status::not_found, 11};
  response.set(http::field::server, "bigbrotr-test-http");
  response.set("X-Powered-By", "beast");
  if (path == "/ok") {
    response.result(http::status::ok);
    response.set(http::field::content_type, "application/nostr+json");
    response.body() = R"({"name":"test relay"})";
  } else if (path == "/big") {
    response.result(http::status::ok);
    response.body() = std::string(std::size_t{2} * 1024 * 1024, 'b');
  } else if (path == "/loop" || (path.size() == 3 && path[1] == 'r' && path[2] >= '1' && path[2] <= '4')) {
    response.result(http::status::found);
    const std::string next = path == "/loop"  ? "/loop"
                             : path[2] == '1' ? "/ok"
                                              : "/r" + std::string(1, path[2] - 1);
    response.set(http::field::location, next);
  } else if (path == "/bigheader") {
    response.result(http::status::ok);
    // Beast caps one field value below 64 KiB: four fields of 25 KiB make the 100 KiB.
    for (const char* name : {"X-Padding-1", "X-Padding-2", "X-Padding-3", "X-Padding-4"})
      response.set(name, std::string(std::size_t{25} * 1024, 'h'));
    response.body() = "{}";
  } else if (path.starts_with("/to/")) {
    response.result(http::status::found);
    response.set(http::field::location, percent_decoded(path.substr(4)));
  } else if (path == "/reject") {
    response.result(http::status::forbidden);
  }
  response.prepare_payload();
  co_await http::async_write(stream, response, kNoThrow);
}

template <class Stream>
asio::awaitable<void> serve(TestServer::Impl& impl, Stream stream) {
  beast::flat_buffer buffer;
  http::request<http::string_body> request;
  auto [ec, size] = co_await http::async_read(stream, buffer, request, kNoThrow);
  if (ec) co_return;
  const std::string path(request.target());
  if (websocket::is_upgrade(request) && path != "/reject" && path != "/hang") {
    co_await serve_websocket(impl, std::move(stream), std::move(request));
  } else {
    co_await serve_http(stream, path);
  }
}

asio::awaitable<void> session(TestServer::Impl& impl, tcp::socket socket) {
  beast::tcp_stream stream(std::move(socket));
  if (!impl.tls) co_return co_await serve(impl, std::move(stream));
  beast::ssl_stream<beast::tcp_stream> tls_stream(std::move(stream), *impl.tls);
  beast::get_lowest_layer(tls_stream).expires_after(std::chrono::seconds(10));
  auto [ec] = co_await tls_stream.async_handshake(ssl::stream_base::server, kNoThrow);
  if (ec) co_return;
  beast::get_lowest_layer(tls_stream).expires_never();
  co_await serve(impl, std::move(tls_stream));
}

asio::awaitable<void> accept_loop(TestServer::Impl& impl) {
  while (true) {
    auto [ec, socket] = co_await impl.acceptor.async_accept(kNoThrow);
    if (ec) co_return;
    ++impl.connections;
    asio::co_spawn(impl.context, session(impl, std::move(socket)), asio::detached);
  }
}

}  // namespace

TestServer::TestServer(std::optional<TlsFiles> tls) : impl_(std::make_unique<Impl>()) {
  if (tls) {
    impl_->tls.emplace(ssl::context::tls_server);
    impl_->tls->use_certificate_chain_file(tls->certificate_chain);
    impl_->tls->use_private_key_file(tls->private_key, ssl::context::pem);
  }
  const tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), 0);
  impl_->acceptor.open(endpoint.protocol());
  impl_->acceptor.set_option(tcp::acceptor::reuse_address(true));
  impl_->acceptor.bind(endpoint);
  impl_->acceptor.listen();
  asio::co_spawn(impl_->context, accept_loop(*impl_), asio::detached);
  impl_->thread = std::thread([this] { impl_->context.run(); });
}

TestServer::~TestServer() {
  impl_->context.stop();
  impl_->thread.join();
}

std::uint16_t TestServer::port() const { return impl_->acceptor.local_endpoint().port(); }
int TestServer::connections() const { return impl_->connections.load(); }

std::vector<std::string> TestServer::received() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->received;
}

}  // namespace bigbrotr::testing
