#include "core/http/http_routes.hpp"

#include <algorithm>

namespace bigbrotr::core {
namespace {

std::string_view reason_phrase(unsigned status) {
  switch (status) {
    case 400:
      return "Bad Request";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 408:
      return "Request Timeout";
    case 413:
      return "Content Too Large";
    case 414:
      return "URI Too Long";
    case 431:
      return "Request Header Fields Too Large";
    case 500:
      return "Internal Server Error";
    case 503:
      return "Service Unavailable";
    default:
      return "Error";
  }
}

}  // namespace

HttpResponse plain_http_error(unsigned status) {
  HttpResponse response;
  response.status = status;
  response.body = std::string(reason_phrase(status)) + "\n";
  return response;
}

void HttpRoutes::get(std::string path, HttpHandler handler) {
  handlers_[std::move(path)] = std::move(handler);
}

void HttpRoutes::get_prefix(std::string prefix, HttpHandler handler) {
  std::erase_if(prefix_handlers_, [&](const auto& entry) { return entry.first == prefix; });
  prefix_handlers_.emplace_back(std::move(prefix), std::move(handler));
  std::ranges::stable_sort(prefix_handlers_, std::ranges::greater{},
                           [](const auto& entry) { return entry.first.size(); });
}

const HttpHandler* HttpRoutes::find(std::string_view path) const {
  if (const auto exact = handlers_.find(std::string(path)); exact != handlers_.end()) return &exact->second;
  for (const auto& [prefix, handler] : prefix_handlers_)
    if (path.starts_with(prefix)) return &handler;
  return nullptr;
}

HttpResponse HttpRoutes::answer(const HttpRequestHead& head, std::size_t max_target_length) const {
  if (head.target.size() > max_target_length) return plain_http_error(414);
  if (head.has_body) return plain_http_error(413);
  // Origin form only: an absolute URL or "*" names no path of ours.
  if (!head.target.starts_with('/')) return plain_http_error(400);
  const auto question = head.target.find('?');
  const HttpRequest request{
      .path = head.target.substr(0, question),
      .query = question == std::string_view::npos ? std::string_view{} : head.target.substr(question + 1),
      .origin = head.origin};
  const HttpHandler* handler = find(request.path);
  if (handler == nullptr) return plain_http_error(404);
  if (head.method != "GET" && head.method != "HEAD") {
    HttpResponse response = plain_http_error(405);
    response.headers.emplace_back("Allow", "GET, HEAD");
    return response;
  }
  try {
    return (*handler)(request);
  } catch (...) {
    // The server thread must outlive any handler's failure.
    return plain_http_error(500);
  }
}

}  // namespace bigbrotr::core
