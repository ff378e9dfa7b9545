#!/usr/bin/env bash
# Installs the system packages Event Desk needs on Debian/Ubuntu:
#   run  — libsecret (keytar builds against it), build tools
#   test — plus a private keychain for tests (gnome-keyring, dbus) and Debian's Chromium
# Elsewhere it prints what to install by hand. Packages already present are left alone.
set -euo pipefail
mode=${1:-run}
packages=(libsecret-1-dev python3 make g++)
[ "$mode" = test ] && packages+=(gnome-keyring dbus chromium)

if ! command -v apt-get >/dev/null 2>&1; then
  case "$(uname -s)" in
    Darwin) echo "macOS: no system packages needed to run (Xcode command line tools build keytar). Tests need Chromium: set CHROMIUM_PATH." ;;
    *) echo "No apt-get here: install ${packages[*]} with your package manager." ;;
  esac
  exit 0
fi

missing=()
for package in "${packages[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
echo "Installing system packages: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
