#!/usr/bin/env bash
# Fresh-machine setup for Readmark (Debian 12; runs as root without sudo, or as a user).
# Idempotent: everything already present at a suitable version is left alone, so running it
# before every CI run costs a second.
#
# Installs/checks: a Rust toolchain (>= the crate's rust-version), rustfmt, clippy, the
# wasm32-unknown-unknown target, python3 >= 3.10 (for ../shared/bench/score.py).
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

# ---------------------------------------------------------------- later: browsers and wasm-bindgen
# Not needed yet (the current CI is host tests + the wasm32 build + the corpus smoke). When the
# browser work lands, add here, each behind a version check (see ../shared/docs/TOOLCHAIN.md):
#   - wasm-bindgen-cli at exactly the pinned wasm-bindgen version (about 5 minutes; `--locked`
#     fails on this kind of machine, so install without it):
#       cargo install wasm-bindgen-cli --version 0.2.130
#   - browsers for wasm-bindgen-test and the extension end-to-end tests (about 1 minute):
#       apt-get install -y chromium chromium-driver firefox-esr
#   - geckodriver for Firefox (6-9 minutes): cargo install geckodriver
#   - npm: playwright-core, web-ext (about 30 s)

log "ready"
