#!/usr/bin/env bash
# Installs the system pieces the project needs when they are missing (Debian packages, as root):
#   java      – DynamoDB Local runs on Java 17
#   chromium  – the end-to-end tests and the elderly-friendly audit drive Debian's Chromium, and
#               Chinese text needs a CJK font or every character renders as a box
# Usage: scripts/ensure-system-deps.sh java [chromium]
set -euo pipefail

packages=()
for want in "$@"; do
  case "$want" in
    java)
      java -version >/dev/null 2>&1 || packages+=(openjdk-17-jre-headless)
      ;;
    chromium)
      [ -x /usr/bin/chromium ] || packages+=(chromium)
      dpkg -s fonts-wqy-microhei >/dev/null 2>&1 || packages+=(fonts-wqy-microhei)
      ;;
    *)
      echo "ensure-system-deps: unknown dependency '$want'" >&2
      exit 2
      ;;
  esac
done

[ ${#packages[@]} -eq 0 ] && exit 0

echo "Installing missing system packages: ${packages[*]}"
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
    echo "Please install as root: apt-get install -y ${packages[*]}" >&2
    exit 1
  fi
else
  SUDO=
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
echo "Installed: ${packages[*]}"
