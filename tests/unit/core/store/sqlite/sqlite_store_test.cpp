// SqliteStore::check_storage: the database file the store has open must still be the one
// its path names, or writes would silently go to a file nobody can open again.
#include "core/store/sqlite/sqlite_store.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

namespace bigbrotr::core::store::sqlite {
namespace {

class SqliteStoreFileTest : public ::testing::Test {
 protected:
  SqliteStoreFileTest() {
    char pattern[] = "/tmp/bigbrotr-sqlite-XXXXXX";
    if (::mkdtemp(pattern) == nullptr) throw std::runtime_error("mkdtemp failed");
    folder_ = pattern;
    path_ = (folder_ / "bigbrotr.db").string();
    store_ = std::make_unique<SqliteStore>(path_);
    store_->init(DatabaseFlavour::bigbrotr);
  }
  ~SqliteStoreFileTest() override {
    store_.reset();
    std::filesystem::remove_all(folder_);
  }
  // The StoreError message check_storage() throws, or "" when it does not throw.
  std::string storage_error() const {
    try {
      store_->check_storage();
    } catch (const StoreError& error) {
      EXPECT_FALSE(error.transient());
      return error.what();
    }
    return "";
  }

  std::filesystem::path folder_;
  std::string path_;
  std::unique_ptr<SqliteStore> store_;
};

TEST_F(SqliteStoreFileTest, AnIntactFilePassesTheCheck) { EXPECT_EQ(storage_error(), ""); }

TEST_F(SqliteStoreFileTest, ADeletedFileFailsTheCheckNamingThePath) {
  std::filesystem::remove(path_);
  const std::string error = storage_error();
  EXPECT_NE(error.find("sqlite: the database file " + path_ + " was deleted"), std::string::npos) << error;
}

TEST_F(SqliteStoreFileTest, AReplacedFileFailsTheCheck) {
  const auto other = folder_ / "other.db";
  std::ofstream(other) << "not the same file";
  std::filesystem::rename(other, path_);
  const std::string error = storage_error();
  EXPECT_NE(error.find("sqlite: the database file " + path_ + " was replaced"), std::string::npos) << error;
}

TEST_F(SqliteStoreFileTest, AFileRestoredUnderItsNameStillPasses) {
  // A hard link keeps the same inode: the path still names the open file.
  const auto link = folder_ / "link.db";
  std::filesystem::create_hard_link(path_, link);
  std::filesystem::remove(path_);
  std::filesystem::create_hard_link(link, path_);
  EXPECT_EQ(storage_error(), "");
}

TEST(SqliteStoreMemory, AnInMemoryDatabaseAlwaysPasses) {
  SqliteStore store(":memory:");
  EXPECT_NO_THROW(store.check_storage());
}

}  // namespace
}  // namespace bigbrotr::core::store::sqlite
