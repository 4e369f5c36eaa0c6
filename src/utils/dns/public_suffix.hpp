#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>

#include "models/result.hpp"

// The registrable domain of a host name ("example.co.uk" for "relay.example.co.uk"),
// from the Public Suffix List. Only the ICANN section is used, as Python's tldextract
// does by default: private suffixes such as github.io are treated as ordinary names.
namespace bigbrotr::utils {

// Debian's copy, from the `publicsuffix` package.
inline constexpr std::string_view kSystemPublicSuffixList = "/usr/share/publicsuffix/public_suffix_list.dat";

class PublicSuffixList {
 public:
  // Parses the list's text (rules one a line, `//` comments, `*.` wildcards, `!`
  // exceptions). Rules must be ASCII/punycode; Unicode rules are kept but only match
  // hosts written the same way.
  static PublicSuffixList parse(std::string_view text);
  // Reads and parses a file; fails when it cannot be read.
  static models::Result<PublicSuffixList> load(const std::string& path);
  // A list with no rules: every name's public suffix is its last label, so the
  // registrable domain is the last two labels (the fallback when no list is installed).
  static PublicSuffixList last_two_labels();

  // The public suffix plus one label, lower-cased, trailing dot dropped; empty when the
  // host is itself a public suffix or has a single label.
  std::string registrable_domain(std::string_view host) const;

  std::size_t rule_count() const noexcept { return rules_.size() + wildcards_.size() + exceptions_.size(); }

 private:
  std::unordered_set<std::string> rules_;
  std::unordered_set<std::string> wildcards_;   // "*.ck" stored as "ck"
  std::unordered_set<std::string> exceptions_;  // "!www.ck" stored as "www.ck"
};

// The system list, loaded once and shared (immutable after loading, so safe from any
// thread); the last-two-labels fallback when the file is missing.
const PublicSuffixList& system_public_suffix_list();

}  // namespace bigbrotr::utils
