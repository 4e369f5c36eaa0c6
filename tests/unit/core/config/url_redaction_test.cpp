#include "core/config/url_redaction.hpp"

#include <gtest/gtest.h>

namespace bigbrotr::core {
namespace {

TEST(UrlRedaction, HidesTheUserinfoPassword) {
  EXPECT_EQ(redact_database_url("postgresql://writer:s3cret@pgbouncer:6432/bigbrotr"),
            "postgresql://writer:***@pgbouncer:6432/bigbrotr");
}

TEST(UrlRedaction, KeepsUrlsWithoutPassword) {
  EXPECT_EQ(redact_database_url("postgresql://writer@db/bigbrotr"), "postgresql://writer@db/bigbrotr");
  EXPECT_EQ(redact_database_url("postgresql://db:5432/bigbrotr"), "postgresql://db:5432/bigbrotr");
  EXPECT_EQ(redact_database_url("sqlite:./data/bigbrotr.db"), "sqlite:./data/bigbrotr.db");
}

TEST(UrlRedaction, HidesAPasswordQueryParameter) {
  EXPECT_EQ(redact_database_url("postgresql://db/x?user=w&password=s3cret&sslmode=require"),
            "postgresql://db/x?user=w&password=***&sslmode=require");
}

TEST(UrlRedaction, HidesConninfoPasswords) {
  EXPECT_EQ(redact_database_url("host=db password=s3cret dbname=x"), "host=db password=*** dbname=x");
  EXPECT_EQ(redact_database_url("password='with space' host=db"), "password=*** host=db");
}

TEST(UrlRedaction, LeavesLookalikeKeysAlone) {
  EXPECT_EQ(redact_database_url("host=db notpassword=x"), "host=db notpassword=x");
}

TEST(UrlRedaction, HidesAPasswordContainingAnAt) {
  EXPECT_EQ(redact_database_url("postgresql://w:p@ss@db/x"), "postgresql://w:***@db/x");
}

}  // namespace
}  // namespace bigbrotr::core
