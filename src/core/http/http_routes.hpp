#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

// What an HTTP server serves, separated from how it reads and writes: GET handlers by
// path, and the answer every other request gets. Read-only by design: no request body is
// ever accepted. No Beast here, so the rules are tested without a socket.
namespace bigbrotr::core {

// A GET (or HEAD) request as a handler sees it; both views borrow the request target.
struct HttpRequest {
  std::string_view path;   // "/metrics" (as sent, not percent-decoded)
  std::string_view query;  // "a=1&b=2" without the '?', empty when absent
  std::string_view origin{};  // the Origin header (cross-site browser requests), else empty
};

struct HttpResponse {
  unsigned status = 200;
  std::string content_type = "text/plain; charset=utf-8";
  // The empty initializers let designated initializers leave these out without a warning.
  std::string body{};
  // Further header fields (e.g. Allow on a 405).
  std::vector<std::pair<std::string, std::string>> headers{};
};

// Called on the server's I/O thread, one request at a time: it should be quick, and is
// responsible for the thread safety of whatever it reads. An exception becomes a 500.
using HttpHandler = std::function<HttpResponse(const HttpRequest&)>;

// What the server knows of a request once its header is read.
struct HttpRequestHead {
  std::string_view method;  // as sent: "GET", "POST", "BREW"...
  std::string_view target;  // as sent: "/metrics?x=1"
  bool has_body = false;    // a Content-Length above 0 or a chunked body
  std::string_view origin{};  // the Origin header, empty when absent
};

class HttpRoutes {
 public:
  // Serves GET and HEAD of exactly `path` (which starts with '/') with `handler`; a later
  // call for the same path replaces the earlier one.
  void get(std::string path, HttpHandler handler);
  // Serves GET and HEAD of every path under `prefix` ("/api/" serves "/api/relays/x"),
  // when no exact path matches; the longest matching prefix wins.
  void get_prefix(std::string prefix, HttpHandler handler);

  // The response to `head`, in this order of checks: 414 for a target longer than
  // `max_target_length`, 413 for any body, 400 for a target that is not a path, 404 for an
  // unknown path, 405 (with Allow) for a method other than GET and HEAD, else the
  // handler's response (500 if it throws). HEAD gets GET's response; the server drops
  // the body.
  HttpResponse answer(const HttpRequestHead& head, std::size_t max_target_length) const;

 private:
  const HttpHandler* find(std::string_view path) const;

  std::unordered_map<std::string, HttpHandler> handlers_;
  std::vector<std::pair<std::string, HttpHandler>> prefix_handlers_;  // longest first
};

// A plain-text response with `status` and its reason phrase as the body.
HttpResponse plain_http_error(unsigned status);

}  // namespace bigbrotr::core
