#include "core/http/http_connection.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <array>

namespace bigbrotr::core {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
constexpr auto kNoThrow = asio::as_tuple(asio::use_awaitable);
// After an error answer (400, 431) the client may still be sending; reading what it sends
// for a moment before closing keeps the kernel from resetting the connection, which
// would destroy the answer before the client reads it.
constexpr auto kLingerTime = std::chrono::seconds(1);
constexpr std::size_t kLingerBytes = std::size_t{64} * 1024;
// Read per call while waiting for a kept-alive connection's next request.
constexpr std::size_t kIdleReadBytes = 1024;

// Registers a connection's closer, and forgets the connection when its coroutine ends.
class OpenConnection {
 public:
  OpenConnection(HttpConnections& connections, ConnectionTable::Id id, beast::tcp_stream& stream)
      : connections_(connections), id_(id) {
    connections_.closers.emplace(id_, [&stream] { stream.close(); });
  }
  ~OpenConnection() {
    connections_.closers.erase(id_);
    connections_.table.remove(id_);
  }
  OpenConnection(const OpenConnection&) = delete;
  OpenConnection& operator=(const OpenConnection&) = delete;

 private:
  HttpConnections& connections_;
  ConnectionTable::Id id_;
};

bool is_malformed(const beast::error_code& ec) {
  // The client leaving (before or during a header) is not malformed, only gone.
  return ec.category() == beast::error_code(http::error::bad_method).category() &&
         ec != http::error::end_of_stream && ec != http::error::partial_message;
}

// Waits up to `idle_timeout` for the first bytes of a kept-alive connection's next
// request; false when the client left or stayed silent.
asio::awaitable<bool> await_next_request(beast::tcp_stream& stream, beast::flat_buffer& buffer,
                                         std::chrono::milliseconds idle_timeout) {
  stream.expires_after(idle_timeout);
  auto [ec, read] = co_await stream.async_read_some(buffer.prepare(kIdleReadBytes), kNoThrow);
  buffer.commit(read);
  co_return !ec;
}

// Writes `answer`; for HEAD its headers only. False when the write failed or timed out.
asio::awaitable<bool> write_response(beast::tcp_stream& stream, HttpConnections& connections,
                                     HttpResponse answer, bool head, bool keep_alive, unsigned version) {
  http::response<http::string_body> response{static_cast<http::status>(answer.status), version};
  response.set(http::field::content_type, answer.content_type);
  for (const auto& [name, value] : answer.headers) response.set(name, value);
  response.keep_alive(keep_alive);
  if (head) {
    response.content_length(answer.body.size());
  } else {
    response.body() = std::move(answer.body);
    response.prepare_payload();
  }
  stream.expires_after(connections.limits.write_timeout);
  auto [ec, written] = co_await http::async_write(stream, response, kNoThrow);
  if (ec == beast::error::timeout) connections.drops.record(HttpDrop::write_timeout);
  co_return !ec;
}

// Ends a connection after its last response: no more sending, and what the client still
// sends is read and dropped for a moment, so the close does not reset the connection.
asio::awaitable<void> close_gracefully(beast::tcp_stream& stream) {
  beast::error_code ignored;
  stream.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
  stream.expires_after(kLingerTime);
  std::array<char, 4096> sink;
  for (std::size_t drained = 0; drained < kLingerBytes;) {
    auto [ec, read] = co_await stream.async_read_some(asio::buffer(sink), kNoThrow);
    if (ec) break;
    drained += read;
  }
}

// A header that could not be read: counted, and answered when there is something to say.
asio::awaitable<void> end_failed_read(beast::tcp_stream& stream, HttpConnections& connections,
                                      const beast::error_code& ec) {
  unsigned status = 0;
  if (ec == http::error::header_limit || ec == http::error::buffer_overflow) {
    connections.drops.record(HttpDrop::oversized_header);
    status = 431;
  } else if (ec == beast::error::timeout) {
    // Beast has closed the socket already: there is no one to send a 408 to.
    connections.drops.record(HttpDrop::header_timeout);
  } else if (is_malformed(ec)) {
    connections.drops.record(HttpDrop::malformed_request);
    status = 400;
  }
  if (status == 0) co_return;
  if (co_await write_response(stream, connections, plain_http_error(status), false, false, 11)) {
    co_await close_gracefully(stream);
  }
}

}  // namespace

void HttpConnections::close(ConnectionTable::Id id) const {
  if (const auto found = closers.find(id); found != closers.end()) found->second();
}

void HttpConnections::close_all() const {
  // A closer only cancels I/O; the map changes later, when each coroutine resumes.
  for (const auto& [id, closer] : closers) closer();
}

asio::awaitable<void> serve_connection(HttpConnections& connections, asio::ip::tcp::socket socket,
                                       ConnectionTable::Id id) {
  beast::tcp_stream stream(std::move(socket));
  const OpenConnection open(connections, id, stream);
  // Evicted or stopped between the accept and this coroutine's first step.
  if (connections.stopping || !connections.table.contains(id)) co_return;
  const HttpLimits& limits = connections.limits;
  // Room for a full header plus what a client may pipeline behind it; a header that
  // overflows it is oversized either way.
  beast::flat_buffer buffer(std::size_t{limits.max_header_bytes} * 2);
  // The deadline runs from accept across every read of the first header.
  stream.expires_after(limits.header_deadline);
  for (bool first = true;; first = false) {
    if (!first) {
      if (buffer.size() == 0 && !co_await await_next_request(stream, buffer, limits.idle_timeout)) co_return;
      stream.expires_after(limits.header_deadline);
    }
    http::request_parser<http::empty_body> parser;
    parser.header_limit(limits.max_header_bytes);
    auto [ec, read] = co_await http::async_read_header(stream, buffer, parser, kNoThrow);
    if (ec) co_return co_await end_failed_read(stream, connections, ec);
    connections.table.request_started(id);
    const auto& request = parser.get();
    // A body is never read, so the connection cannot carry another request after it.
    const bool has_body = parser.chunked() || parser.content_length().value_or(0) > 0;
    const bool keep_alive = request.keep_alive() && !has_body;
    HttpResponse answer = connections.routes.answer(
        {request.method_string(), request.target(), has_body, request[http::field::origin]}, limits.max_target_length);
    if (!co_await write_response(stream, connections, std::move(answer), request.method() == http::verb::head,
                                 keep_alive, request.version())) {
      co_return;
    }
    if (!keep_alive) co_return co_await close_gracefully(stream);
    connections.table.response_sent(id);
  }
}

}  // namespace bigbrotr::core
