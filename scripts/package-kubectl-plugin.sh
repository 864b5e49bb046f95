#!/usr/bin/env bash
# Packages the kubectl plugin for krew: target/kubectl-maverick.tar.gz, built reproducibly (fixed
# order, times and owners), and writes its sha256 into deploy/kubectl-plugin/maverick.yaml.
# Run it after changing deploy/kubectl-plugin/kubectl-maverick and commit the manifest (KrewManifestTest
# fails while it is stale); attach the archive to the release the manifest's uri names.
# With --sha256 it only prints the archive's sha256 and changes nothing.
set -euo pipefail
cd "$(dirname "$0")/.."

plugin_dir=deploy/kubectl-plugin
manifest=$plugin_dir/maverick.yaml
archive=target/kubectl-maverick.tar.gz

package() {
  tar --sort=name --mtime='1970-01-01 00:00:00Z' --owner=0 --group=0 --numeric-owner \
    --mode='u=rwx,go=rx' --format=gnu -C "$plugin_dir" -cf - kubectl-maverick | gzip -n -9
}

if [ "${1:-}" = "--sha256" ]; then
  package | sha256sum | cut -d' ' -f1
  exit 0
fi

mkdir -p target
package > "$archive"
sha=$(sha256sum "$archive" | cut -d' ' -f1)
sed -i -E "s/^(    sha256: ).*/\1$sha/" "$manifest"
echo "package-kubectl-plugin: wrote $archive (sha256 $sha) and updated $manifest"
