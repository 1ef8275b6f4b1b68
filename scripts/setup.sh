#!/usr/bin/env bash
# Fresh-machine setup for Readmark (Debian 12; runs as root without sudo, or as a user).
# Idempotent: everything already present at a suitable version is left alone, so running it
# before every CI run costs a second.
#
# Installs/checks: a Rust toolchain (>= the crate's rust-version), rustfmt, clippy, the
# wasm32-unknown-unknown target, python3 >= 3.10 (for ../shared/bench/score.py), and for the
# browser extension: node + the npm tools, wasm-bindgen-cli, Chromium + chromedriver,
# Firefox ESR + geckodriver. `scripts/setup.sh --demo`: only what `cargo xtask demo` needs.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf 'setup: %s\n' "$*"; }
die() { printf 'setup: ERROR: %s\n' "$*" >&2; exit 1; }

# version_ge A B: true when dotted version A >= B.
version_ge() { [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" = "$2" ]; }

is_root() { [ "$(id -u)" = 0 ]; }

apt_install() {
    is_root || die "missing $*: install it (apt-get install $*) or re-run as root"
    log "apt-get install $*"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# ---------------------------------------------------------------- Rust
CARGO_ENV="${CARGO_HOME:-${HOME:-/root}/.cargo}/env"
if [ -f "$CARGO_ENV" ]; then . "$CARGO_ENV"; fi
min_rust=$(sed -n 's/^rust-version *= *"\([0-9.]*\)".*/\1/p' Cargo.toml | head -n1)
min_rust=${min_rust:-1.80}

if ! command -v cargo >/dev/null 2>&1; then
    command -v curl >/dev/null 2>&1 || apt_install curl ca-certificates
    log "installing Rust (rustup, stable, minimal profile)"
    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal
    . "$CARGO_ENV"
fi

rust_version=$(rustc --version | awk '{print $2}')
if ! version_ge "$rust_version" "$min_rust"; then
    command -v rustup >/dev/null 2>&1 || die "rustc $rust_version < $min_rust and no rustup to update it"
    log "rustc $rust_version < $min_rust: rustup update stable"
    rustup update stable
    rust_version=$(rustc --version | awk '{print $2}')
fi
log "rustc $rust_version (need >= $min_rust)"

if command -v rustup >/dev/null 2>&1; then
    installed=$(rustup component list --installed)
    for c in rustfmt clippy; do
        if grep -q "^$c" <<<"$installed"; then
            log "$c present"
        else
            log "rustup component add $c"
            rustup component add "$c"
        fi
    done
    if grep -qx wasm32-unknown-unknown <<<"$(rustup target list --installed)"; then
        log "target wasm32-unknown-unknown present"
    else
        log "rustup target add wasm32-unknown-unknown"
        rustup target add wasm32-unknown-unknown
    fi
else
    # A distribution toolchain without rustup: check, cannot install.
    cargo fmt --version >/dev/null 2>&1 || die "rustfmt missing (and no rustup)"
    cargo clippy --version >/dev/null 2>&1 || die "clippy missing (and no rustup)"
    [ -d "$(rustc --print sysroot)/lib/rustlib/wasm32-unknown-unknown" ] \
        || die "the wasm32-unknown-unknown target is missing (and no rustup)"
    log "rustfmt, clippy, wasm32-unknown-unknown present (no rustup)"
fi

# ---------------------------------------------------------------- Python (benchmark scorer)
if ! command -v python3 >/dev/null 2>&1; then
    apt_install python3
fi
py_version=$(python3 -c 'import sys; print("%d.%d" % sys.version_info[:2])')
version_ge "$py_version" 3.10 || die "python3 $py_version < 3.10 (needed by ../shared/bench/score.py)"
log "python3 $py_version"

# ---------------------------------------------------------------- the browser extension
# (see ../shared/docs/TOOLCHAIN.md). `--demo` installs only what `cargo xtask demo` needs
# (no Firefox, no geckodriver). Every step is skipped when the right version is there.
mode="${1:-all}"

# Node.js (esbuild, wasm2js, playwright-core, web-ext, axe-core come from npm).
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    apt_install nodejs npm
fi
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge 18 ] || die "node $(node --version) < 18"
log "node $(node --version)"

# npm packages, pinned in package-lock.json: reinstalled only when the lock file changed.
lock_sum=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat node_modules/.readmark-lock 2>/dev/null)" != "$lock_sum" ]; then
    log "npm ci (esbuild, binaryen, playwright-core, web-ext, axe-core, markdown-it)"
    npm ci --no-audit --no-fund --loglevel=error
    echo "$lock_sum" > node_modules/.readmark-lock
else
    log "npm packages present"
fi

# wasm-bindgen-cli at exactly the crate's pinned wasm-bindgen (about 5 minutes; `--locked`
# fails on this kind of machine).
wb_want=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' Cargo.toml | head -n1)
wb_have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$wb_have" != "$wb_want" ]; then
    log "cargo install wasm-bindgen-cli --version $wb_want (have: ${wb_have:-none})"
    cargo install wasm-bindgen-cli --version "$wb_want"
else
    log "wasm-bindgen $wb_have present"
fi

# Browsers from Debian (about 1 minute): Chromium + chromedriver, Firefox ESR, CJK fonts.
pkgs=()
command -v chromium >/dev/null 2>&1 || pkgs+=(chromium)
command -v chromedriver >/dev/null 2>&1 || pkgs+=(chromium-driver)
if [ "$mode" != "--demo" ]; then
    command -v firefox-esr >/dev/null 2>&1 || pkgs+=(firefox-esr)
fi
# CJK fonts, so the reader's screenshots of Chinese/Japanese pages show text, not boxes.
[ -d /usr/share/fonts/opentype/noto ] && ls /usr/share/fonts/opentype/noto | grep -q CJK \
    || pkgs+=(fonts-noto-cjk)
if [ "${#pkgs[@]}" -gt 0 ]; then
    apt_install "${pkgs[@]}"
else
    log "browsers present"
fi

# geckodriver for Firefox (wasm-bindgen-test and the e2e tests). A debug build: it only
# relays WebDriver commands, and building it without optimisation takes minutes less.
if [ "$mode" != "--demo" ]; then
    gd_want=0.37.1
    gd_have=$(geckodriver --version 2>/dev/null | awk 'NR==1{print $2}' || true)
    if [ "$gd_have" != "$gd_want" ]; then
        log "cargo install geckodriver --version $gd_want --debug (have: ${gd_have:-none})"
        cargo install geckodriver --version "$gd_want" --debug
    else
        log "geckodriver $gd_have present"
    fi
fi

# ---------------------------------------------------------------- fuzzing (optional)
# CI's fuzz smoke (`cargo xtask fuzz`) uses the stable driver in fuzz/src/bin/smoke.rs and
# needs nothing more. The coverage-guided engine (`cargo xtask fuzz --engine libfuzzer`)
# needs a nightly toolchain and cargo-fuzz (about 2 minutes to build); set
# READMARK_FUZZ=1 to install cargo-fuzz when a nightly toolchain is present.
if [ "${READMARK_FUZZ:-0}" = 1 ]; then
    if command -v cargo-fuzz >/dev/null 2>&1; then
        log "cargo-fuzz present"
    elif rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
        log "cargo install cargo-fuzz"
        cargo install --quiet cargo-fuzz
    else
        log "no nightly toolchain: cargo-fuzz skipped (the stable fuzz driver still works)"
    fi
fi

log "ready"
