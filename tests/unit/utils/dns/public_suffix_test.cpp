#include "utils/dns/public_suffix.hpp"

#include <gtest/gtest.h>

#include <filesystem>

namespace bigbrotr::utils {
namespace {

constexpr const char* kList = R"(// ===BEGIN ICANN DOMAINS===
com
uk
co.uk
// wildcard and exception
*.ck
!www.ck
jp
*.kobe.jp
!city.kobe.jp
// ===END ICANN DOMAINS===
// ===BEGIN PRIVATE DOMAINS===
github.io
// ===END PRIVATE DOMAINS===
)";

TEST(PublicSuffix, FindsRegistrableDomains) {
  const auto list = PublicSuffixList::parse(kList);
  EXPECT_EQ(list.registrable_domain("relay.example.com"), "example.com");
  EXPECT_EQ(list.registrable_domain("a.b.relay.example.co.uk"), "example.co.uk");
  EXPECT_EQ(list.registrable_domain("Relay.Example.COM."), "example.com");
  EXPECT_EQ(list.registrable_domain("example.com"), "example.com");
}

TEST(PublicSuffix, AppliesWildcardsAndExceptions) {
  const auto list = PublicSuffixList::parse(kList);
  EXPECT_EQ(list.registrable_domain("a.b.ck"), "a.b.ck");
  EXPECT_EQ(list.registrable_domain("x.www.ck"), "www.ck");
  EXPECT_EQ(list.registrable_domain("a.b.c.kobe.jp"), "b.c.kobe.jp");
  EXPECT_EQ(list.registrable_domain("a.city.kobe.jp"), "city.kobe.jp");
}

TEST(PublicSuffix, IgnoresPrivateSuffixes) {
  EXPECT_EQ(PublicSuffixList::parse(kList).registrable_domain("me.github.io"), "github.io");
}

TEST(PublicSuffix, SuffixesAndSingleLabelsHaveNone) {
  const auto list = PublicSuffixList::parse(kList);
  EXPECT_EQ(list.registrable_domain("co.uk"), "");
  EXPECT_EQ(list.registrable_domain("com"), "");
  EXPECT_EQ(list.registrable_domain(""), "");
}

TEST(PublicSuffix, UnknownTldsDefaultToOneLabel) {
  EXPECT_EQ(PublicSuffixList::parse(kList).registrable_domain("relay.example.zz"), "example.zz");
  EXPECT_EQ(PublicSuffixList::last_two_labels().registrable_domain("a.relay.example.co.uk"), "co.uk");
}

TEST(PublicSuffix, SystemListKnowsRealSuffixes) {
  ASSERT_TRUE(std::filesystem::exists(std::string(kSystemPublicSuffixList)))
      << "install Debian's publicsuffix";
  const auto& list = system_public_suffix_list();
  EXPECT_GT(list.rule_count(), 5000u);
  EXPECT_EQ(list.registrable_domain("relay.example.co.uk"), "example.co.uk");
  EXPECT_EQ(list.registrable_domain("nos.lol"), "nos.lol");
  EXPECT_EQ(list.registrable_domain("relay.damus.io"), "damus.io");
}

}  // namespace
}  // namespace bigbrotr::utils
