#!/usr/bin/env bash
# Re-vendor the pinned front-end assets from the npm registry into the repo.
#
# Medborger must run on a closed network: nothing is loaded from a CDN and
# nothing is fetched at build time. The files below are committed to the repo.
# This script is for a maintainer who wants to refresh them; the build never
# runs it. To upgrade, change a version below, run the script, check the diff,
# and update static/vendor/VERSIONS.md (and static/css/fonts.css if the
# fontsource file names or unicode ranges changed; the script warns if they
# did).
#
# Needs: bash, npm (any recent version), tar, node (comes with npm).
# Usage: scripts/vendor_assets.sh
set -euo pipefail

ETHIOPIC_VERSION="5.3.0"   # @fontsource/noto-sans-ethiopic
ARABIC_VERSION="5.3.0"     # @fontsource/noto-sans-arabic
CHARTJS_VERSION="4.6.1"    # chart.js
AXE_VERSION="4.14.1"       # axe-core

WEIGHTS=(400 700)

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/medborger-vendor.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

# Download one exact version with `npm pack` (npm checks the registry's
# integrity hash) and unpack it into $WORK/<name>/package.
fetch() {
    local spec="$1" name="$2" tgz
    mkdir -p "$WORK/$name"
    echo "fetching $spec" >&2
    tgz="$(cd "$WORK/$name" && npm pack --silent "$spec" | tail -n 1)"
    tar -xzf "$WORK/$name/$tgz" -C "$WORK/$name"
    echo "$WORK/$name/package"
}

# Copy $1 to $2, failing loudly if the package no longer ships the file.
copy() {
    if [[ ! -f "$1" ]]; then
        echo "error: expected file missing from package: $1" >&2
        exit 1
    fi
    install -m 0644 "$1" "$2"
    echo "  $(du -h "$2" | cut -f1)	${2#"$REPO"/}"
}

# Fonts: woff2 for the one script subset each family is needed for.
vendor_font() {
    local pkgname="$1" version="$2" subset="$3" pkg dest w
    pkg="$(fetch "@fontsource/$pkgname@$version" "$pkgname")"
    dest="$REPO/static/fonts/$pkgname"
    rm -rf "$dest"
    mkdir -p "$dest"
    for w in "${WEIGHTS[@]}"; do
        copy "$pkg/files/$pkgname-$subset-$w-normal.woff2" \
            "$dest/$pkgname-$subset-$w-normal.woff2"
    done
    copy "$pkg/LICENSE" "$dest/LICENSE"
    # fonts.css is written by hand; warn if upstream changed the subset range.
    node -e '
        const [json, subset, css, family] = process.argv.slice(1);
        const want = require(json)[subset].replace(/\s+/g, "");
        const text = require("fs").readFileSync(css, "utf8");
        const blocks = text.split("@font-face").slice(1).filter(
            (b) => b.includes(`font-family: "${family}";`));
        const bad = blocks.filter((b) => {
            const m = b.match(/unicode-range:\s*([^;]+);/);
            return !m || m[1].replace(/\s+/g, "") !== want;
        });
        if (!blocks.length || bad.length) {
            console.error(`warning: unicode-range for ${family} in ` +
                `static/css/fonts.css differs from the package; ` +
                `expected ${want}`);
        }
    ' "$pkg/unicode.json" "$subset" "$REPO/static/css/fonts.css" "$4"
}

echo "vendoring into $REPO"
vendor_font noto-sans-ethiopic "$ETHIOPIC_VERSION" ethiopic "Noto Sans Ethiopic"
vendor_font noto-sans-arabic "$ARABIC_VERSION" arabic "Noto Sans Arabic"

pkg="$(fetch "chart.js@$CHARTJS_VERSION" chartjs)"
dest="$REPO/static/vendor/chartjs"
rm -rf "$dest"
mkdir -p "$dest"
copy "$pkg/dist/chart.umd.min.js" "$dest/chart.umd.min.js"
# The source map is not shipped; its reference would make collectstatic's
# manifest storage fail on a missing file.
sed -i '/^\/\/# sourceMappingURL=/d' "$dest/chart.umd.min.js"
copy "$pkg/LICENSE.md" "$dest/LICENSE.md"

pkg="$(fetch "axe-core@$AXE_VERSION" axe-core)"
dest="$REPO/tests/browser/vendor/axe-core"
rm -rf "$dest"
mkdir -p "$dest"
copy "$pkg/axe.min.js" "$dest/axe.min.js"
copy "$pkg/LICENSE" "$dest/LICENSE"
copy "$pkg/LICENSE-3RD-PARTY.txt" "$dest/LICENSE-3RD-PARTY.txt"

# Every url() in fonts.css must point at a vendored file.
missing=0
while read -r rel; do
    if [[ ! -f "$REPO/static/css/$rel" ]]; then
        echo "error: static/css/fonts.css refers to missing $rel" >&2
        missing=1
    fi
done < <(grep -o 'url("[^"]*")' "$REPO/static/css/fonts.css" \
    | sed -e 's/^url("//' -e 's/")$//')
if [[ "$missing" -ne 0 ]]; then
    exit 1
fi

echo "done. Review the diff and update static/vendor/VERSIONS.md if needed."
