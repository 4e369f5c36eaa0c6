#include "utils/dns/public_suffix.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>
#include <vector>

namespace bigbrotr::utils {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

}  // namespace

PublicSuffixList PublicSuffixList::parse(std::string_view text) {
  PublicSuffixList list;
  bool in_private = false;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    if (line.find("===BEGIN PRIVATE DOMAINS===") != std::string_view::npos) in_private = true;
    if (line.find("===END PRIVATE DOMAINS===") != std::string_view::npos) in_private = false;
    // A rule is the line's first whitespace-delimited word.
    const std::size_t word_end = line.find_first_of(" \t\r");
    line = line.substr(0, word_end);
    if (in_private || line.empty() || line.starts_with("//")) continue;
    if (line.starts_with("!")) {
      list.exceptions_.insert(lower(line.substr(1)));
    } else if (line.starts_with("*.")) {
      list.wildcards_.insert(lower(line.substr(2)));
    } else {
      list.rules_.insert(lower(line));
    }
  }
  return list;
}

models::Result<PublicSuffixList> PublicSuffixList::load(const std::string& path) {
  std::ifstream file(path);
  if (!file) return models::fail("cannot read public suffix list " + path);
  std::ostringstream text;
  text << file.rdbuf();
  return parse(text.str());
}

PublicSuffixList PublicSuffixList::last_two_labels() { return PublicSuffixList{}; }

std::string PublicSuffixList::registrable_domain(std::string_view host) const {
  std::string name = lower(host);
  while (!name.empty() && name.back() == '.') name.pop_back();
  std::vector<std::size_t> starts{0};  // where each label begins
  for (std::size_t i = 0; i < name.size(); ++i)
    if (name[i] == '.') starts.push_back(i + 1);
  const std::size_t labels = starts.size();
  if (name.empty() || labels < 2) return {};
  // The public suffix length in labels: the longest matching rule (RFC-less algorithm of
  // publicsuffix.org), an exception rule's suffix minus its first label, default 1.
  std::size_t suffix_labels = 1;
  for (std::size_t i = 0; i < labels; ++i) {
    const std::string_view candidate = std::string_view(name).substr(starts[i]);
    const std::size_t count = labels - i;
    if (exceptions_.contains(std::string(candidate))) {
      suffix_labels = count - 1;
      break;
    }
    if (rules_.contains(std::string(candidate))) suffix_labels = std::max(suffix_labels, count);
    if (i + 1 < labels && wildcards_.contains(std::string(std::string_view(name).substr(starts[i + 1]))))
      suffix_labels = std::max(suffix_labels, count);
  }
  if (suffix_labels >= labels) return {};
  return name.substr(starts[labels - suffix_labels - 1]);
}

const PublicSuffixList& system_public_suffix_list() {
  static const PublicSuffixList list = [] {
    auto loaded = PublicSuffixList::load(std::string(kSystemPublicSuffixList));
    return loaded ? std::move(loaded).value() : PublicSuffixList::last_two_labels();
  }();
  return list;
}

}  // namespace bigbrotr::utils
