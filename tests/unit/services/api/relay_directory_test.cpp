#include "services/api/relay_directory.hpp"

#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

namespace bigbrotr::services::api {
namespace {

TEST(RelayDirectory, ListColumnsBecomeArrays) {
  boost::json::object row{{"supported_nips", ",1,11,x,42,"}, {"requirements", ",auth,payment,"},
                          {"claims", "auth_undeclared,nip11_unreachable"}, {"streak_alive", 1}};
  present_directory_row(row);
  EXPECT_EQ(boost::json::serialize(row.at("supported_nips")), "[1,11,42]");
  EXPECT_EQ(boost::json::serialize(row.at("requirements")), R"(["auth","payment"])");
  EXPECT_EQ(boost::json::serialize(row.at("claims")), R"(["auth_undeclared","nip11_unreachable"])");
  EXPECT_EQ(row.at("streak_alive"), true);
}

TEST(RelayDirectory, EmptyAndMissingListsAreEmptyArrays) {
  boost::json::object row{{"supported_nips", ""}, {"requirements", ","}, {"streak_alive", nullptr}};
  present_directory_row(row);
  EXPECT_TRUE(row.at("supported_nips").as_array().empty());
  EXPECT_TRUE(row.at("requirements").as_array().empty());
  EXPECT_TRUE(row.at("claims").as_array().empty());
  EXPECT_TRUE(row.at("streak_alive").is_null());
}

TEST(RelayDirectory, ReadsTheRefreshersViewByItsKey) {
  const auto directory = relay_directory();
  EXPECT_EQ(directory.source, "relay_directory");
  EXPECT_EQ(directory.primary_key, std::vector<std::string>{"relay_url"});
  ASSERT_NE(directory.column("supported_nips"), nullptr);
  EXPECT_EQ(directory.column("uptime_30d")->kind, core::catalog::ColumnKind::real);
}

}  // namespace
}  // namespace bigbrotr::services::api
