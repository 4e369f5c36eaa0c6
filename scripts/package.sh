#!/usr/bin/env bash
# Builds the Debian package bigbrotr_<version>_<arch>.deb from a Release build with
# Debian's hardening flags: the stripped binary, both deployments' configuration as
# conffiles in /etc/bigbrotr, the seed list and SQL schemas in /usr/share/bigbrotr, the
# systemd units, the man page and the maintainer scripts (packaging/). Prints the
# package's path. tests/package/check_package.sh checks and installs it.
#
# BIGBROTR_VERSION overrides the version (default: project() in CMakeLists.txt);
# BUILD_DIR the build folder, where the package is written too (default build/package).
# Run scripts/setup.sh first on a fresh machine.
set -euo pipefail
cd "$(dirname "$0")/.."

version=$(bash packaging/version.sh)
arch=$(dpkg --print-architecture)
build_dir=${BUILD_DIR:-build/package}
root="$build_dir/deb-root"
deb="$build_dir/bigbrotr_${version}_${arch}.deb"

# Debian's hardening (fortified functions, stack protector, full RELRO, PIE by the
# compiler's default) on top of the Release flags; -g and -O2 are dropped so Release's -O3
# stands and nothing is built that stripping throws away. Paths are not rewritten into
# the flags (fixfilepath), which would differ between clones and defeat ccache.
eval "$(DEB_BUILD_MAINT_OPTIONS="hardening=+all reproducible=-fixfilepath,-fixdebugpath" \
  DEB_CFLAGS_MAINT_STRIP="-g -O2" DEB_CXXFLAGS_MAINT_STRIP="-g -O2" dpkg-buildflags --export=sh)"
launcher=()
if command -v ccache >/dev/null 2>&1; then
  export CCACHE_BASEDIR=$PWD CCACHE_NOHASHDIR=1 CCACHE_SLOPPINESS=pch_defines,time_macros
  export CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-5G}
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
fi
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBIGBROTR_TESTS=OFF \
  -DCMAKE_CXX_FLAGS="$CPPFLAGS $CXXFLAGS" -DCMAKE_C_FLAGS="$CPPFLAGS $CFLAGS" \
  -DCMAKE_EXE_LINKER_FLAGS="$LDFLAGS" "${launcher[@]}"
cmake --build "$build_dir" -j "$(nproc)" --target bigbrotr

rm -rf "$root"
install -d "$root/DEBIAN" "$root/usr/bin" "$root/etc/bigbrotr" "$root/usr/share/bigbrotr" \
  "$root/lib/systemd/system" "$root/usr/share/man/man1" "$root/usr/share/doc/bigbrotr"

# As dh_strip strips an executable.
install -m 0755 "$build_dir/bigbrotr" "$root/usr/bin/bigbrotr"
strip --remove-section=.comment --remove-section=.note "$root/usr/bin/bigbrotr"

for deployment in bigbrotr lilbrotr; do
  cp -r "deployments/$deployment/config" "$root/etc/bigbrotr/$deployment"
done
install -m 0644 data/seed_relays.txt "$root/usr/share/bigbrotr/seed_relays.txt"
cp -r sql "$root/usr/share/bigbrotr/sql"
install -m 0644 packaging/systemd/bigbrotr.service packaging/systemd/bigbrotr@.service \
  "$root/lib/systemd/system/"
sed "s/@VERSION@/$version/" packaging/bigbrotr.1 | gzip -9n > "$root/usr/share/man/man1/bigbrotr.1.gz"
install -m 0644 packaging/debian/copyright "$root/usr/share/doc/bigbrotr/copyright"
# A native package (the packaging lives upstream), so changelog.gz, not changelog.Debian.gz.
gzip -9n < packaging/debian/changelog > "$root/usr/share/doc/bigbrotr/changelog.gz"
# Whatever the umask of the checkout: directories 0755, data files 0644.
find "$root" -type d -exec chmod 0755 {} +
find "$root" -type f ! -path "$root/usr/bin/*" -exec chmod 0644 {} +

install -m 0755 packaging/debian/postinst packaging/debian/prerm packaging/debian/postrm "$root/DEBIAN/"
# Every file under /etc is a conffile: an upgrade keeps an operator's edits.
(cd "$root" && find etc -type f | sort | sed 's|^|/|') > "$root/DEBIAN/conffiles"
(cd "$root" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | sort -z | xargs -0 md5sum) \
  > "$root/DEBIAN/md5sums"
chmod 0644 "$root/DEBIAN/conffiles" "$root/DEBIAN/md5sums"

# The shared libraries the binary links, as Depends: dpkg-shlibdeps reads debian/control
# of a source tree, so it runs in an empty one.
shlibs_tree=$(mktemp -d)
trap 'rm -rf "$shlibs_tree"' EXIT
mkdir "$shlibs_tree/debian"
touch "$shlibs_tree/debian/control"
binary=$(realpath "$root/usr/bin/bigbrotr")
shlibs=$(cd "$shlibs_tree" && dpkg-shlibdeps -O "$binary" | sed -n 's/^shlibs:Depends=//p')
[ -n "$shlibs" ] || { echo "package.sh: dpkg-shlibdeps found no dependencies" >&2; exit 1; }
installed_size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@INSTALLED_SIZE@/$installed_size/" \
  -e "s/@SHLIBS_DEPENDS@/$shlibs/" packaging/debian/control > "$root/DEBIAN/control"

dpkg-deb --build --root-owner-group -Zxz "$root" "$deb" >/dev/null
echo "package.sh: built $deb"
