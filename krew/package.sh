#!/usr/bin/env bash
# Packs a build for Krew: installs it into a clean tree, archives it as
# kubectl-kyma_istio-linux-amd64.tar.gz and writes the Krew manifest kyma-istio.yaml beside it.
#   usage: krew/package.sh BUILD_DIR OUT_DIR
#   HOMEPAGE  project URL used in the manifest
# Krew extracts regular files and folders only (no symlinks), so the tree holds nothing else;
# the binary finds its libraries through RUNPATH $ORIGIN/../lib, which holds through Krew's link.
set -euo pipefail
build=$(cd "${1:?build folder}" && pwd)
out=${2:?output folder}
top=$(cd "$(dirname "$0")/.." && pwd)
homepage=${HOMEPAGE:-https://github.com/kubectl-kyma-istio/kubectl-kyma-istio}
version=$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$build/CMakeCache.txt")
bundle=$(sed -n 's/^KYMA_ISTIO_BUNDLE_SOURCE:PATH=//p' "$build/CMakeCache.txt")
archive=kubectl-kyma_istio-linux-amd64.tar.gz

mkdir -p "$out"
out=$(cd "$out" && pwd)
tree=$(mktemp -d)
trap 'rm -rf "$tree"' EXIT
cmake --install "$build" --prefix "$tree/pkg" >/dev/null
# The bundled Istio data is Apache-2.0; its licence and notice travel with it.
cp "$bundle/LICENSE" "$tree/pkg/LICENSE"
cp "$bundle/NOTICE-kyma.md" "$tree/pkg/NOTICE-kyma.md"
if find "$tree/pkg" ! -type f ! -type d | grep -q .; then
  echo "error: the package holds something other than files and folders" >&2
  exit 1
fi
tar -C "$tree/pkg" --owner=0 --group=0 --sort=name -czf "$out/$archive" .
sha=$(sha256sum "$out/$archive" | cut -d' ' -f1)
sed -e "s|@VERSION@|$version|g" -e "s|@HOMEPAGE@|$homepage|g" -e "s|@ARCHIVE@|$archive|g" \
    -e "s|@SHA256@|$sha|g" "$top/krew/kyma-istio.yaml.in" > "$out/kyma-istio.yaml"
echo "$out/$archive"
echo "$out/kyma-istio.yaml"
